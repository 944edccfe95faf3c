/**
 * Row decoding shared by the protocol-state queries: ISO text to `Date`, JSON text to values
 * (schema.ts conventions; JSON is parsed only in `storage/queries/`).
 */
import type { StateData } from '../../model/protocol-state.js';

export const toDate = (iso: string): Date => new Date(iso);
export const toDateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));
export const iso = (date: Date): string => date.toISOString();

export function parseObject(json: string): StateData {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as StateData) : {};
}

export function parseStrings(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
