#!/usr/bin/env node
// The `chaoslab` command. Runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
