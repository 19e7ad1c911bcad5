import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SettingsIssue } from '../../shared/api-contract.js';
import type { Path } from './config-path.js';

/** The configuration being edited (a copy of the monitor's), its issues, and the one way to change it. */
export interface FormState {
  draft: unknown;
  issues: readonly SettingsIssue[];
  set: (path: Path, value: unknown) => void;
}

export const FormContext = createContext<FormState>({ draft: null, issues: [], set: () => undefined });

export function useForm(): FormState {
  return useContext(FormContext);
}
