export { createRng, fnv1a, RandomStreams, type Rng } from './random.js';
