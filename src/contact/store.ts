import type { ContactMessage } from '#src/model/contact.ts';

/** One message as kept by a store and printed by `npm run contact:export`. */
export interface StoredMessage {
  id: number;
  /** ISO 8601 time the server accepted the message, in UTC. */
  receivedAt: string;
  name: string;
  email: string;
  message: string;
  /** The site path the form was sent from, when the form said. */
  page: string | null;
}

/**
 * Where contact messages live. The endpoint only talks to this interface, so a deployment with
 * several server instances can supply a shared database (PostgreSQL, say) without touching the
 * endpoint. `save` must resolve only once the message is durably committed: the endpoint tells
 * the visitor "sent" straight after it.
 */
export interface ContactStore {
  save(message: ContactMessage, receivedAt: Date): Promise<StoredMessage>;
  /** Every stored message, newest first. */
  list(): Promise<StoredMessage[]>;
  close(): Promise<void>;
}
