/** The merge config files, env and flags go through; the engine owns it (it merges provider settings too). */
export { deepMerge, isPlainObject } from '../engine/deep-merge.js';
