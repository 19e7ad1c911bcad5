import { benchLogMillion } from './log-million.js';

console.log('# nom benchmarks');
benchLogMillion();
