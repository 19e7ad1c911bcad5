import type { FailoverNotice, LinkNotice } from './notifier.js';

/**
 * A failover notice in words for someone at home: which link the internet now goes through, and
 * whether the other one works. "Main" and "backup" stand for primary and standby.
 */
export function failoverWords(notice: FailoverNotice): { headline: string; detail: string } {
  const { primary, standby } = notice;
  const active = notice.active === null ? null : notice[notice.active];
  const other = notice.active === null ? null : notice[notice.active === 'primary' ? 'standby' : 'primary'];
  const states = `${linkState(primary)} ${linkState(standby)}`;
  switch (notice.change) {
    case 'both-down':
      return { headline: 'Both internet links are down', detail: `Neither ${linkWords(primary)} nor ${linkWords(standby)} works: there is no internet connection.` };
    case 'postping-failed': {
      const through = active ? linkWords(active) : 'the active link';
      return {
        headline: `No internet through ${active?.name ?? 'the active link'}`,
        detail: `After the switch, ${notice.checked ?? 'the address checked'} did not answer through ${through}: the link is up but may not reach the internet.`,
      };
    }
    case 'switch':
      if (!active || !other) return { headline: 'Could not switch internet links', detail: `No link carries internet traffic. ${states}` };
      if (notice.verified === false) {
        return { headline: `Could not switch to ${other.name}`, detail: `The change did not take effect: internet traffic stays on ${active.name}. ${states}` };
      }
      return {
        headline: notice.active === 'standby' ? `Switched to the backup link, ${active.name}` : `Back on the main link, ${active.name}`,
        detail: `Internet traffic now goes through ${linkWords(active)}${notice.verified ? ', and the change was confirmed' : ''}. ${linkState(other)}`,
      };
  }
}

/** Traffic moved and a link carries it: the internet works, through the backup or the main link again. Any other failover notice means it does not. */
export function switchedOver(notice: FailoverNotice): notice is FailoverNotice & { active: 'primary' | 'standby' } {
  return notice.change === 'switch' && notice.verified !== false && notice.active !== null;
}

function linkWords(link: LinkNotice): string {
  return link.address === null ? link.name : `${link.name} (${link.address})`;
}

function linkState(link: LinkNotice): string {
  return `${linkWords(link)} ${link.up ? 'works' : 'does not work'}.`;
}
