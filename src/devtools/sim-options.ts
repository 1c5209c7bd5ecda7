/**
 * `npm run chat`: a terminal stand-in for WeCom. It speaks as named users in groups and single
 * chats to a running bot — signed, encrypted callbacks through CallbackClient, streams followed
 * to the end — and runs a local WeCom API stand-in so that what the bot pushes into a group
 * (webhook) or sends later (response_url) shows up here too. Works interactively and with piped
 * input (one line per message or command).
 */
export interface SimulatorOptions {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Where the bot listens, e.g. `http://127.0.0.1:3000`. */
  readonly botUrl: string;
  readonly callbackPath?: string;
  readonly credentials: {
    readonly token: string;
    readonly encodingAesKey: string;
    readonly receiveId?: string;
  };
  /** The local WeCom API stand-in; the bot needs `WECOM_API_BASE=http://<host>:<port>`. */
  readonly wecomHost?: string;
  readonly wecomPort?: number;
  readonly user?: string;
  /** The group to start in; undefined starts in a single chat. */
  readonly group?: string;
  /** The bot's display name, put before group messages as `@报告助手 `. */
  readonly botName?: string;
  /** Pause between stream refreshes (WeCom: about a second). */
  readonly refreshIntervalMs?: number;
  /** After piped input ends, how long to keep listening for pushes. */
  readonly lingerMs?: number;
  /** Where files pushed into groups are saved; undefined: not saved. */
  readonly filesDir?: string;
  /** Default: whether the input is a terminal. */
  readonly interactive?: boolean;
  /** Default: whether the output is a terminal and NO_COLOR is unset. */
  readonly color?: boolean;
}
