// `driftwatch notify --flush`: deliver what the outbox holds now. Today's flushOutbox, behind the one call the CLI
// makes (the store engineer's outbox work changes this line, not the command).
export { flushOutbox as flushNow } from '../notify/flush-outbox.js';
