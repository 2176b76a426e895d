import { describeKillMatrix } from '../support/kill-matrix-suite.js';

describeKillMatrix('sinch-conversation');
