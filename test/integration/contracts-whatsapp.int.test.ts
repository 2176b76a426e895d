import { describeKillMatrix } from '../support/kill-matrix-suite.js';

for (const provider of ['sinch-whatsapp', 'kaleyra', 'msg91']) describeKillMatrix(provider);
