import { defineConfig } from "vitest/config";

export default defineConfig({ test: { setupFiles: ["cdktf-resilience/testing/setup"] } });
