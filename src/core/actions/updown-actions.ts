import type { Notice, Notifier } from '../notify/notifier.js';
import type { ActionSink } from './action-call.js';

/**
 * The updown monitor's action calls, made from the engine's notices: `updown-offline IP` when a
 * target goes down, `updown-online IP D:H:M:S` when it returns after being down.
 */
export class UpdownActions implements Notifier {
  readonly name = 'action script';

  constructor(private readonly sink: ActionSink) {}

  notify(notice: Notice): void {
    if (notice.kind === 'down') this.sink.call({ command: 'updown-offline', address: notice.address });
    if (notice.kind === 'up' && notice.downForSeconds !== null) {
      this.sink.call({ command: 'updown-online', address: notice.address, downSeconds: notice.downForSeconds });
    }
  }

  /** The runner behind the sink is flushed by its owner. */
  flush(): Promise<void> {
    return Promise.resolve();
  }
}
