import { attributeValues } from '../terraformText';

/**
 * Present with `good`, and never set to anything else. A module's pass-through `key = var.key`
 * defers to the value its caller sets, which is checked where the caller sets it.
 */
export function requiresSetting(
  text: string,
  key: string,
  good: string,
): boolean {
  const values = attributeValues(text, key).filter(v => v !== `var.${key}`);
  return values.length > 0 && values.every(v => v === good);
}
