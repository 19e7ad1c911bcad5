import { useEffect, useRef, useState } from 'preact/hooks';
import type { SettingsIssue } from '../../shared/api-contract.js';
import { useApi } from '../app/api-context.js';

/** Long enough to let a word be typed before it is checked, short enough to feel immediate. */
const CHECK_AFTER_MS = 350;

export interface Validation {
  issues: readonly SettingsIssue[];
  checking: boolean;
  setIssues: (issues: readonly SettingsIssue[]) => void;
}

/**
 * The monitor's own validator, asked about the draft once typing pauses: the messages are the
 * schema's, by field, the same ones a save would refuse with. Only the newest answer counts.
 */
export function useValidation(draft: unknown, changed: boolean): Validation {
  const api = useApi();
  const [issues, setIssues] = useState<readonly SettingsIssue[]>([]);
  const [checking, setChecking] = useState(false);
  const asked = useRef(0);
  useEffect(() => {
    const mine = ++asked.current;
    if (!changed) {
      setIssues([]);
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = setTimeout(() => {
      void api['settings-validate']({ config: draft }).then((r) => {
        if (mine !== asked.current) return;
        setChecking(false);
        setIssues(r.ok ? r.value.issues : [{ path: [], message: `could not be checked: ${r.error.message}` }]);
      });
    }, CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [api, draft, changed]);
  return {
    issues,
    checking,
    setIssues: (next) => {
      asked.current += 1;
      setChecking(false);
      setIssues(next);
    },
  };
}
