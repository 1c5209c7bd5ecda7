import type { IncomingMessage } from '../incoming.js';
import type { PassiveReply } from '../replies.js';

/** Something that answers a decoded message as the callback route does (the Responder). */
export interface Respond {
  respond(msg: IncomingMessage): Promise<PassiveReply | null>;
}
