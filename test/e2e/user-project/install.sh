npm init -y
npm install ./cdktf-resilience-0.1.0.tgz cdktf@0.21.0 constructs@10.8.1 @cdktf/provider-aws@21.22.1
npm install --save-dev cdktf-cli@0.21.0 tsx@4.23.15 vitest@4.1.12
