import { InvalidArgumentError } from 'commander';

/** commander parsers for numeric flags: a bad value is refused with the flag's own message. */
export function positiveNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}`);
    return n;
  };
}

export function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}
