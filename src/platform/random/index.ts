export { createRng, fnv1a, mulberry32, RandomStreams, type Rng } from './random.js';
