// The locate module's public face: where events are, and how to read escaped ones.
export { locateEvents, locateEventAt, eventIndexOfOffset } from './locate-events';
export { decodeJsonStringToken, JsonStringError } from './json-string';
export type { DecodedJsonString } from './json-string';
export { JsonScanner } from './json-scanner';
