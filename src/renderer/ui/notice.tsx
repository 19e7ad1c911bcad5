import type { ComponentChildren } from 'preact';

type Tone = 'info' | 'warn' | 'error' | 'ok';

/** A message in a box; errors and warnings are announced as they appear. */
export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'}>
      {title !== undefined && <p class="notice-title">{title}</p>}
      {children !== undefined && <div class="notice-body">{children}</div>}
    </div>
  );
}
