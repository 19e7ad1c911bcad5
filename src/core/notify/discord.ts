import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { formatSeedDuration } from '../time/duration.js';
import { DeliveryQueue } from './delivery-queue.js';
import type { Notice, Notifier } from './notifier.js';

interface DiscordEmbed {
  title: string;
  description: string | null;
  color: number;
}

const GREEN = 0x2ecc71;
const RED = 0xe74c3c;
const BLUE = 0x0389fa;
const TIMEOUT_MS = 10_000;

/**
 * network-outage-monitor's Discord messages: the same username, titles and colours. Its "Was
 * unreachable for …" line only appeared after a restart, because its test was inverted; here it
 * tells how long the previous state lasted whenever that is known.
 */
export function discordEmbed(notice: Notice): DiscordEmbed | null {
  switch (notice.kind) {
    case 'started':
      return { title: `Started monitoring ${notice.address}`, description: null, color: BLUE };
    case 'stopped':
      return { title: `Stopped monitoring ${notice.address}`, description: null, color: BLUE };
    case 'up':
      return {
        title: `${notice.address} is REACHABLE`,
        description: notice.downForSeconds === null ? null : `Was unreachable for ${formatSeedDuration(notice.downForSeconds)}`,
        color: GREEN,
      };
    case 'down':
      return {
        title: `${notice.address} is UNREACHABLE`,
        description: notice.upForSeconds === null ? null : `Was reachable for ${formatSeedDuration(notice.upForSeconds)}`,
        color: RED,
      };
    case 'cause':
      return null;
  }
}

export class DiscordNotifier implements Notifier {
  readonly name = 'discord';
  private readonly queue: DeliveryQueue<DiscordEmbed>;

  constructor(url: string, clock: Clock, log: Logger) {
    this.queue = new DeliveryQueue((embed) => post(url, embed), clock, log);
  }

  notify(notice: Notice): void {
    const embed = discordEmbed(notice);
    if (embed) this.queue.push(embed);
  }

  flush(ms: number): Promise<void> {
    return this.queue.flush(ms);
  }
}

async function post(url: string, embed: DiscordEmbed): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'Network Outage Monitor', embeds: [embed] }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}
