/**
 * A schooljaar: 1 August of its first year to 1 August of the next (half-open). Written `2024/2025` in
 * print and data, `2024-2025` in folder and file names; the RMC's VSV-teljaar runs from 1 October to
 * 1 October of the same two years. Parse a schooljaar once, here, and ask it for what you need.
 */
import { UsageError } from './errors.ts';

export class Schooljaar {
  private constructor(
    /** The calendar year it starts in (2024 for 2024/2025). */
    readonly start: number,
  ) {}

  /** `2024/2025` or `2024-2025`; anything else is a usage error. */
  static parse(s: string): Schooljaar {
    const m = /^(\d{4})[/-](\d{4})$/.exec(String(s).trim());
    if (!m || Number(m[2]) !== Number(m[1]) + 1) {
      throw new UsageError(`--schooljaar ${s}: not a schooljaar. Write two consecutive years, e.g. 2024/2025 (or 2024-2025).`);
    }
    return new Schooljaar(Number(m[1]));
  }

  static of(start: number): Schooljaar {
    return new Schooljaar(start);
  }

  /** The calendar year it ends in (2025 for 2024/2025). */
  get end(): number {
    return this.start + 1;
  }

  /** `2024/2025`: as printed and as stored in the indicator store. */
  get label(): string {
    return `${this.start}/${this.end}`;
  }

  /** `2024-2025`: in folder and file names. */
  get folder(): string {
    return `${this.start}-${this.end}`;
  }

  /** First day (`2024-08-01`) and the first day after it (`2025-08-01`). */
  get van(): string {
    return `${this.start}-08-01`;
  }

  get tot(): string {
    return `${this.end}-08-01`;
  }

  /** The VSV-teljaar of this schooljaar: 1 October to 1 October (half-open). */
  get teljaar(): { van: string; tot: string } {
    return { van: `${this.start}-10-01`, tot: `${this.end}-10-01` };
  }

  /** The schooljaar `n` years later (negative: earlier). */
  plus(n: number): Schooljaar {
    return new Schooljaar(this.start + n);
  }

  toString(): string {
    return this.label;
  }
}

/** Whether `s` is a schooljaar written as in print and data (`2024/2025`), as a config value must be. */
export function isSchooljaarLabel(s: unknown): boolean {
  try {
    return typeof s === 'string' && Schooljaar.parse(s).label === s;
  } catch {
    return false;
  }
}
