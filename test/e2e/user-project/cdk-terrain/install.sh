npm init -y
npm install ./cdktf-resilience-0.1.0.tgz cdktn@0.24.0 constructs@10.7.0 @cdktn/provider-aws@25.7.0
npm install --save-dev cdktn-cli@0.24.0 tsx@4.23.15 vitest@4.1.12
