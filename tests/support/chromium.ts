import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * Headless Chromium driven over the DevTools protocol (with `ws`, no browser library): open a
 * page at a given width, collect what the console and the page report as errors, evaluate
 * expressions, take screenshots. Installed by `scripts/setup.sh --test`.
 */
export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private readonly listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  /** Console errors, uncaught exceptions and failed loads seen by any page. */
  readonly errors: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly socket: WebSocket,
    private readonly profile: string,
  ) {
    socket.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: Record<string, unknown>;
      };
      if (msg.id !== undefined) {
        const waiting = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) waiting?.reject(new Error(msg.error.message));
        else waiting?.resolve(msg.result);
      } else if (msg.method) {
        this.record(msg.method, msg.params ?? {});
        for (const l of this.listeners) l(msg.method, msg.params ?? {});
      }
    });
  }

  static async launch(): Promise<Chromium> {
    const profile = mkdtempSync(path.join(tmpdir(), 'chromium-'));
    const child = spawn(
      'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      // Its own process group, so that close() stops the helpers (zygote, GPU, crashpad) too.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`chromium did not start: ${seen}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`chromium exited ${code}: ${seen}`)));
    });
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Chromium(child, socket, profile);
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** Opens `url` in a new tab `width` px wide (a phone when 375) and waits for its load event. */
  async open(url: string, width: number): Promise<Page> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
    });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    const page = new Page(this, sessionId);
    await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable'].map((m) => page.send(m)));
    await page.send('Emulation.setDeviceMetricsOverride', {
      width,
      height: 800,
      deviceScaleFactor: width < 600 ? 2 : 1,
      mobile: width < 600,
    });
    const loaded = new Promise<void>((resolve) => {
      const listener = (method: string) => {
        if (method === 'Page.loadEventFired') {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          resolve();
        }
      };
      this.listeners.push(listener);
    });
    await page.send('Page.navigate', { url });
    await loaded;
    return page;
  }

  async close(): Promise<void> {
    this.socket.close();
    const exited = new Promise((resolve) =>
      this.child.exitCode !== null ? resolve(null) : this.child.once('exit', resolve),
    );
    killGroup(this.child.pid, 'SIGTERM');
    await exited;
    killGroup(this.child.pid, 'SIGKILL');
    // A helper that outlived the group may still flush into the profile: the profile is a
    // temporary folder, so a leftover is a warning, not a failed test.
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    } catch (err) {
      console.warn(`chromium profile left behind: ${String(err)}`);
    }
  }

  private record(method: string, params: Record<string, unknown>): void {
    if (method === 'Runtime.consoleAPICalled' && params.type === 'error') {
      this.errors.push(`console.error ${JSON.stringify(params.args)}`);
    } else if (method === 'Runtime.exceptionThrown') {
      this.errors.push(`exception ${JSON.stringify(params.exceptionDetails)}`);
    } else if (method === 'Log.entryAdded') {
      const entry = params.entry as { level?: string; text?: string; url?: string };
      if (entry.level === 'error') this.errors.push(`log ${entry.text ?? ''} ${entry.url ?? ''}`);
    }
  }
}

export class Page {
  constructor(
    private readonly browser: Chromium,
    private readonly sessionId: string,
  ) {}

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}) {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /** The value of a JavaScript expression in the page (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: unknown }>(
      'Runtime.evaluate',
      { expression, returnByValue: true },
    );
    if (r.exceptionDetails)
      throw new Error(`evaluate failed: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  }

  /** A PNG of the page from the top, down to `maxHeight` CSS pixels (the whole page by default). */
  async screenshot(maxHeight = Infinity): Promise<Buffer> {
    const { cssContentSize } = await this.send<{
      cssContentSize: { width: number; height: number };
    }>('Page.getLayoutMetrics');
    const { data } = await this.send<{ data: string }>('Page.captureScreenshot', {
      format: 'png',
      captureBeyondViewport: true,
      clip: {
        x: 0,
        y: 0,
        width: cssContentSize.width,
        height: Math.min(cssContentSize.height, maxHeight),
        scale: 1,
      },
    });
    return Buffer.from(data, 'base64');
  }
}

/** Signals every process of the group led by `pid`; a group already gone is fine. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to stop.
  }
}
