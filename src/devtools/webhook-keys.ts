import { BROKEN_ANSWERS, type Answer } from './wecom-standin-rules.js';
import type { KeyState } from './wecom-standin-types.js';

export interface KeyEntry {
  state: KeyState;
  label: string | undefined;
  /** When accepted messages were sent, for the rate window. */
  sent: number[];
}

/** The group robots (webhook keys) the stand-in knows, and the state each is in. */
export class WebhookKeys {
  private readonly keys = new Map<string, KeyEntry>();

  /** `acceptUnknown`: any key is a registered, active robot (the simulator). */
  constructor(private readonly acceptUnknown: boolean) {}

  register(key: string, label?: string): void {
    this.keys.set(key, { state: 'active', label, sent: [] });
  }

  /** A registered key's entry; throws for a key a test never registered. */
  entry(key: string): KeyEntry {
    const entry = this.keys.get(key);
    if (!entry) throw new Error('stand-in: unknown webhook key; registerKey() it first');
    return entry;
  }

  setState(key: string, state: KeyState): void {
    this.entry(key).state = state;
  }

  /** The key's entry if it may send, else WeCom's answer for a missing or broken robot. */
  check(key: string | undefined): Answer | { key: string; entry: KeyEntry } {
    if (!key) return BROKEN_ANSWERS.removed;
    let entry = this.keys.get(key);
    if (!entry && this.acceptUnknown) {
      entry = { state: 'active', label: undefined, sent: [] };
      this.keys.set(key, entry);
    }
    if (!entry) return BROKEN_ANSWERS.removed;
    if (entry.state !== 'active') return BROKEN_ANSWERS[entry.state];
    return { key, entry };
  }
}
