import type { Json, JsonObject } from '../../../workflows/asl';

/**
 * MediaConvert's wire JSON is lowerCamelCase while the SDK shapes (and Step Functions
 * Parameters) are PascalCase: every member's jsonName is its name with the first letter
 * lowered, at every depth (checked against the whole client-mediaconvert schema). The keys of
 * these map-typed members are user data and stay as they are, e.g. `"Audio Selector 1"`.
 */
const MAP_MEMBERS = new Set([
  'audioSelectors',
  'audioSelectorGroups',
  'captionSelectors',
  'dynamicAudioSelectors',
  'userMetadata',
  'tags',
]);

/** PascalCase (SDK, Step Functions) → lowerCamelCase (wire). */
export function toWire(value: Json): Json {
  return convert(value, (key) => key.charAt(0).toLowerCase() + key.slice(1));
}

/** lowerCamelCase (wire) → PascalCase (SDK, Step Functions). */
export function fromWire(value: Json): Json {
  return convert(value, (key) => key.charAt(0).toUpperCase() + key.slice(1));
}

function convert(value: Json, rename: (key: string) => string): Json {
  if (Array.isArray(value)) return value.map((item) => convert(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const renamed = rename(key);
    const wireName = key.charAt(0).toLowerCase() + key.slice(1);
    out[renamed] =
      MAP_MEMBERS.has(wireName) && member !== null && typeof member === 'object' && !Array.isArray(member)
        ? Object.fromEntries(Object.entries(member).map(([k, v]) => [k, convert(v, rename)]))
        : convert(member, rename);
  }
  return out;
}
