/** network-outage-monitor's duration text: `3d 5h 36m 53s`; zero parts left out, seconds always shown. */
export function formatSeedDuration(totalSeconds: number): string {
  const whole = Math.trunc(totalSeconds);
  const days = Math.floor(whole / 86_400);
  const hours = Math.floor((whole % 86_400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  parts.push(`${whole % 60}s`);
  return parts.join(' ');
}
