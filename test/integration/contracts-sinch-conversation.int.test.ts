import { describeKillMatrix } from '../support/kill-matrix-suite.js';

describeKillMatrix('sinch-conversation', {
  mayCatchNothing: {
    ids: [
      'sinch-conversation-auth',
      'sinch-conversation-batch-limit',
      'sinch-conversation-callback-extra-keys',
    ],
    why: "the switches that break credentials, batch splits and undocumented keys live in other providers' modules, and this module has none of its own",
  },
});
