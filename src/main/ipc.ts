import type { z } from 'zod';
import { ApiFailure, apiCalls, describeQueryIssue, type ApiErrorCode, type ApiParsedRequest, type ApiResult } from '../shared/api-contract.js';
import type { AppPreferences } from '../shared/app-preferences.js';
import { appCallNames, appCalls, appChannel, callChannel, eventChannels, reportChannel, valueCallNames, type AppCallName, type AppParsedRequest, type AppValue, type PreferencesValue } from '../shared/ipc-contract.js';
import type { Logger } from '../core/log.js';
import type { MonitorSource } from './monitor-source.js';
import type { IpcInvokeEvent, IpcMainPort, WindowPort } from './ports.js';

export interface IpcDeps {
  ipcMain: IpcMainPort;
  source: MonitorSource;
  /** Whether a message comes from a frame of the app's own page in one of its own windows (see windows.ts). */
  isOwnSender: (event: IpcInvokeEvent) => boolean;
  /** The app's window whose webContents has this id; null once it is closed. */
  windowOf: (contentsId: number) => WindowPort | null;
  /** Asks where to save, makes the report and writes it (save-report.ts); throws ApiFailure to refuse. */
  saveReport: (query: ApiParsedRequest<'report'>) => Promise<void>;
  log: Logger;
  /** The app's own preferences (app.ts); without them its calls answer 'unavailable'. */
  app?: AppPreferencesPort;
}

/** What the app's window may ask of the app itself, beside the monitor's API. */
export interface AppPreferencesPort {
  /** The preferences kept, and what the app shows now. */
  preferences(): Promise<PreferencesValue>;
  /** Keeps them and switches to what they name at once; throws ApiFailure to refuse. */
  savePreferences(preferences: AppPreferences): Promise<PreferencesValue>;
}

export interface RunningIpc {
  /** Ends every feed. */
  stop(): void;
}

type Handle = (request: unknown) => Promise<unknown>;
type AppHandlers = { [K in AppCallName]: (request: AppParsedRequest<K>) => Promise<AppValue<K>> };

/** Said to any other page that asks: it learns nothing else. */
const NOT_OURS = "only the app's own window may ask this";
const FAULT = 'internal error: the app log has the details';
const NO_PREFERENCES = 'this window keeps no app preferences';

/**
 * Main's side of the window's API, derived from `apiCalls` as the HTTP routes are: one handler
 * per enveloped call, the report's save and the event feed. Each answers only a frame of the
 * app's own page in one of its own windows; anything else is refused before anything runs.
 * Requests are parsed with the call's schema and refused in the same words as over HTTP.
 */
export function setupIpc(deps: IpcDeps): RunningIpc {
  const { ipcMain, source, log } = deps;
  for (const name of valueCallNames) {
    // The schema that parses the request is the handler's own (ApiHandlers is derived from the same map).
    const handle = source.api[name] as Handle;
    ipcMain.handle(callChannel(name), (event, request) => guarded(deps, name, event, request, apiCalls[name].request, handle));
  }
  ipcMain.handle(reportChannel, (event, query) =>
    guarded(deps, 'report', event, query, apiCalls.report.request, async (parsed) => {
      await deps.saveReport(parsed as ApiParsedRequest<'report'>);
      return null;
    }),
  );
  const app = appHandlers(deps.app);
  for (const name of appCallNames) {
    ipcMain.handle(appChannel(name), (event, request) => guarded(deps, name, event, request, appCalls[name].request, app[name] as Handle));
  }

  const feeds = new Map<number, () => void>();
  const watched = new WeakSet<WindowPort>();
  const stopFeed = (id: number) => {
    feeds.get(id)?.();
    feeds.delete(id);
  };
  ipcMain.handle(eventChannels.start, (event) => {
    const window = deps.isOwnSender(event) ? deps.windowOf(event.sender.id) : null;
    if (window === null) return Promise.resolve(refusal('forbidden', NOT_OURS));
    const id = window.webContents.id;
    if (!feeds.has(id)) feeds.set(id, source.subscribe((busEvent) => window.webContents.send(eventChannels.event, busEvent)));
    if (!watched.has(window)) {
      watched.add(window);
      // Its renderer is destroyed with it: nothing is sent to a window that is gone.
      window.on('closed', () => stopFeed(id));
    }
    return Promise.resolve(done(null));
  });
  ipcMain.handle(eventChannels.stop, (event) => {
    if (!deps.isOwnSender(event)) return Promise.resolve(refusal('forbidden', NOT_OURS));
    stopFeed(event.sender.id);
    return Promise.resolve(done(null));
  });

  log.debug(`IPC: ${valueCallNames.length} calls, the report, the event feed and ${appCallNames.length} of the app's own, for the app's own window only`);
  return {
    stop() {
      for (const id of [...feeds.keys()]) stopFeed(id);
    },
  };
}

/** One handler per app call, by its name; each parses its request with the call's own schema first. */
function appHandlers(port: AppPreferencesPort | undefined): AppHandlers {
  if (port === undefined) {
    const unavailable = () => Promise.reject(new ApiFailure('unavailable', NO_PREFERENCES));
    return { preferences: unavailable, 'preferences-save': unavailable };
  }
  return { preferences: () => port.preferences(), 'preferences-save': (preferences) => port.savePreferences(preferences) };
}

/** Who asks, then what: a stranger is refused before its request is read; a request the schema refuses runs nothing. */
async function guarded(deps: IpcDeps, name: string, event: IpcInvokeEvent, request: unknown, schema: z.ZodType, handle: Handle): Promise<ApiResult<unknown>> {
  if (!deps.isOwnSender(event)) {
    deps.log.warn(`IPC ${name}: refused a message from a page that is not the app's (${event.senderFrame?.url ?? 'no frame'})`);
    return refusal('forbidden', NOT_OURS);
  }
  const parsed = schema.safeParse(request);
  if (!parsed.success) return refusal('bad-request', describeQueryIssue(parsed.error));
  try {
    return done(await handle(parsed.data));
  } catch (err) {
    if (err instanceof ApiFailure) return refusal(err.code, err.message);
    const error = err instanceof Error ? err : new Error(String(err));
    deps.log.error(`IPC ${name}: ${(error.stack ?? error.message).replace(/\n\s*/g, ' | ')}`);
    return refusal('internal', FAULT);
  }
}

function done(value: unknown): ApiResult<unknown> {
  return { ok: true, value };
}

function refusal(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
