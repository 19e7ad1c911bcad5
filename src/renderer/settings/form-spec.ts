import type { DesktopGroup } from '../../shared/config-schema.js';
import type { Path, PathPattern } from './config-path.js';

/**
 * The settings form as data: each field names the path of the configuration it edits. The
 * form is drawn from this, and the same list says which of the validator's issues have a place
 * next to a field; the others are shown above the Save button, so that none is ever hidden.
 */
export type Field =
  | { kind: 'toggle'; path: Path; label: string; hint?: string }
  | { kind: 'number'; path: Path; label: string; unit?: string; hint?: string }
  | { kind: 'text'; path: Path; label: string; hint?: string; placeholder?: string; input?: 'url' | 'password' | 'time'; emptyIsNull?: boolean }
  | { kind: 'choices'; path: Path; label: string; hint?: string; options: readonly { value: string; label: string }[] }
  | { kind: 'rows'; path: Path; label: string; hint?: string; add: string; columns: readonly { key: string; label: string; placeholder: string }[] }
  | { kind: 'list'; path: Path; label: string; hint?: string; add: string; item: string; placeholder: string }
  | { kind: 'optional'; path: Path; label: string; hint?: string; blank: Record<string, unknown>; fields: readonly Field[] };

export interface Section {
  id: string;
  title: string;
  description: string;
  fields: readonly Field[];
  /** Said under the fields: what the reader should know about the whole section. */
  note?: string;
}

const targetColumns = [
  { key: 'name', label: 'Name', placeholder: 'e.g. gateway' },
  { key: 'address', label: 'Address', placeholder: 'e.g. 192.0.2.1 or host.example' },
] as const;

/** Each kind of desktop notice, in the words of the notice itself. */
const DESKTOP_KINDS = {
  outage: 'Outage confirmed',
  restored: 'Connection restored',
  degraded: 'Connection degraded',
  failover: 'Failover to the other link',
  'ip-change': 'External IP address changed',
} as const satisfies Record<DesktopGroup, string>;

export const SECTIONS: readonly Section[] = [
  {
    id: 'updown',
    title: 'Outage detection',
    description: 'Probes each target and records every change between up and down.',
    fields: [
      { kind: 'toggle', path: ['updown', 'enabled'], label: 'Watch for outages' },
      { kind: 'rows', path: ['updown', 'targets'], label: 'Targets', add: 'Add a target', columns: targetColumns, hint: 'The name is also the folder its record is kept in.' },
      { kind: 'number', path: ['updown', 'interval'], label: 'Probe every', unit: 'seconds' },
      { kind: 'number', path: ['updown', 'pingwait'], label: 'Wait for an answer', unit: 'seconds' },
      { kind: 'number', path: ['updown', 'confirm'], label: 'Re-probes before down', unit: 'probes', hint: 'Quick re-probes that must all fail: one lost packet is not an outage.' },
      {
        kind: 'optional',
        path: ['updown', 'dns'],
        label: 'Check DNS before blaming the target',
        hint: 'When a target stops answering, a DNS server that still answers shows the line works.',
        blank: { server: '', name: '' },
        fields: [
          { kind: 'text', path: ['updown', 'dns', 'server'], label: 'DNS server', placeholder: '192.0.2.53' },
          { kind: 'text', path: ['updown', 'dns', 'name'], label: 'Name to look up', placeholder: 'example.com' },
        ],
      },
      { kind: 'list', path: ['updown', 'addping'], label: 'Also probe on each change', item: 'Address', add: 'Add an address', placeholder: '198.51.100.7', hint: 'Their answers are kept as evidence with each outage.' },
    ],
  },
  {
    id: 'ping',
    title: 'Latency',
    description: 'Round trips, loss and jitter every minute, for the charts and the report.',
    fields: [
      { kind: 'toggle', path: ['ping', 'enabled'], label: 'Measure latency' },
      { kind: 'rows', path: ['ping', 'targets'], label: 'Targets', add: 'Add a target', columns: targetColumns },
    ],
  },
  {
    id: 'ddns',
    title: 'External address',
    description: 'Notices when the provider gives this connection a new public IP address.',
    fields: [
      { kind: 'toggle', path: ['ddns', 'enabled'], label: 'Watch the external address' },
      { kind: 'number', path: ['ddns', 'interval'], label: 'Check every', unit: 'seconds' },
    ],
  },
  {
    id: 'notify',
    title: 'Notifications',
    description: 'Where to send word of an outage and of its end.',
    fields: [
      { kind: 'optional', path: ['notify', 'discord'], label: 'Discord', blank: { webhook: '' }, fields: [{ kind: 'text', path: ['notify', 'discord', 'webhook'], label: 'Webhook URL', input: 'url', placeholder: 'https://discord.com/api/webhooks/…' }] },
      { kind: 'optional', path: ['notify', 'webhook'], label: 'Webhook', blank: { url: '' }, fields: [{ kind: 'text', path: ['notify', 'webhook', 'url'], label: 'URL', input: 'url', placeholder: 'https://…' }] },
      {
        kind: 'optional',
        path: ['notify', 'ntfy'],
        label: 'ntfy',
        blank: { url: '', token: null },
        fields: [
          { kind: 'text', path: ['notify', 'ntfy', 'url'], label: 'Topic URL', input: 'url', placeholder: 'https://ntfy.sh/my-topic' },
          { kind: 'text', path: ['notify', 'ntfy', 'token'], label: 'Access token', input: 'password', emptyIsNull: true, hint: 'Leave empty for a public topic.' },
        ],
      },
    ],
  },
  {
    id: 'desktop',
    title: 'Desktop notifications',
    description: 'What the tray app tells you on this computer’s screen, and when it keeps quiet.',
    fields: [
      { kind: 'toggle', path: ['notify', 'desktop', 'enabled'], label: 'Show desktop notifications' },
      { kind: 'choices', path: ['notify', 'desktop', 'events'], label: 'Notify me of', options: Object.entries(DESKTOP_KINDS).map(([value, label]) => ({ value, label })) },
      {
        kind: 'optional',
        path: ['notify', 'desktop', 'quietHours'],
        label: 'Quiet hours',
        hint: 'Nothing pops up in these hours (they may run past midnight); what happened is told in one notice when they end.',
        blank: { from: '22:00', to: '07:00' },
        fields: [
          { kind: 'text', path: ['notify', 'desktop', 'quietHours', 'from'], label: 'From', input: 'time' },
          { kind: 'text', path: ['notify', 'desktop', 'quietHours', 'to'], label: 'To', input: 'time' },
        ],
      },
      { kind: 'number', path: ['notify', 'desktop', 'coalesceS'], label: 'One notice per burst of outages within', unit: 'seconds', hint: 'A link that keeps dropping gives one notice for the burst, not one per outage.' },
    ],
    note: 'Only the desktop app shows these notifications. A daemon keeps these settings in its file but has no desktop to show them on.',
  },
];

function patternsOf(field: Field): PathPattern[] {
  switch (field.kind) {
    case 'rows':
      return [field.path, [...field.path, '*'], ...field.columns.map((c) => [...field.path, '*', c.key])];
    case 'list':
      return [field.path, [...field.path, '*']];
    case 'optional':
      return [field.path, ...field.fields.flatMap(patternsOf)];
    default:
      return [field.path];
  }
}

/** Every path the form shows issues for. */
export const FIELD_PATTERNS: readonly PathPattern[] = SECTIONS.flatMap((s) => s.fields.flatMap(patternsOf));
