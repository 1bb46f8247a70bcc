npx cdktf synth
npx cdktf-resilience inspect cdktf.out/stacks/orders
npx cdktf-resilience check cdktf.out/stacks/orders
npx cdktf-resilience emulate cdktf.out/stacks/orders --scenario az-outage --report report.html
npx cdktf-resilience drill cdktf.out/stacks/orders
