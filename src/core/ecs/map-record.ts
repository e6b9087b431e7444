// Maps one raw CloudTrail record to the ECS document Elastic's AWS CloudTrail ingest pipeline
// would index, step by step in the pipeline's own order (elastic/integrations
// packages/aws/data_stream/cloudtrail/elasticsearch/ingest_pipeline/default.yml at 7d5030ab;
// processors named below by their `tag:`), as specified in ../shared/reference/ecs-mapping.md.
// Not produced because they cannot be reproduced offline: source.geo.*, source.as.* (GeoIP
// databases), user_agent.{name,version,os.*,device.name} (Elasticsearch's user-agent regexes),
// event.created and event.ingested (read and index time), event.original (an option), and
// the entity fields (a document tag). Digest records are not mapped beyond the common fields.
import type { JsonNode } from '../json/json-node';
import { getMember } from '../json/json-access';
import { plainNumber, setOwn, toPlain } from '../json/json-plain';
import type { IndexedValue, JsonPlain, Span } from '../types';
import { IndexedEcsDocument, setNested, type MappedDocument } from './ecs-document';
import { eventCategorization } from './event-categories';
import { FieldBag } from './field-bag';
import { CONSTANT_FIELDS, IGNORE_ABOVE } from './fields';
import { flattenedCopy, translate } from './flattened-leaves';
import { isIpAddress } from './ip-address';
import { parseIsoDate, parseSessionDate } from './iso-date';
import { javaHashMapOrder } from './java-hash-order';
import { renderJavaMap, scalarText } from './java-map-string';
import {
  isEmptyAfterPruning, prunedMember, prunedPath, pruneNode, type EmptinessMemo, type Pruning,
} from './prune-node';

export type Retain = 'all' | 'keyword' | 'flattened' | 'minimal' | 'none';

/**
 * The retain setting the pipeline applies: only the newest pipeline has the option
 * (ecs-mapping.md, section 7), so the 2024 one keeps every form, as `all` does.
 */
export function effectiveRetain(pruning: Pruning | undefined, retain: Retain | undefined): Retain {
  return pruning === '2024' ? 'all' : retain ?? 'all';
}

export interface MapOptions {
  /** Pruning of empty values: "newest" (default) also drops "-" and "none". */
  pruning?: Pruning;
  /** The integration's `retain` setting (default all): which request/response forms exist. */
  retain?: Retain;
  /**
   * Translates an offset of the parsed text into an offset of the file, for records parsed out
   * of an escaped string (lookup-events). Identity by default.
   */
  spanOf?: (offset: number) => number;
}

/** Written by the pipeline's set_ecs_version processor. */
const ECS_VERSION = '8.11.0';

/** Term length guard of the script with tag script_duplicate_rules_fields. */
const FLATTENED_MAX_LENGTH = 32766;

/** The raw objects copied as strings and as flattened fields, and their ECS names. */
const DUPLICATED_OBJECTS: readonly (readonly [string, string])[] = [
  ['requestParameters', 'request_parameters'],
  ['responseElements', 'response_elements'],
  ['additionalEventData', 'additional_eventdata'],
  ['serviceEventDetails', 'service_event_details'],
];

/** The Map.toString() fields, which also have a `.text` multi-field. */
const STRING_FIELDS: ReadonlySet<string> = new Set(
  DUPLICATED_OBJECTS.map(([, name]) => `aws.cloudtrail.${name}`));

/** What `retain: minimal` keeps of each flattened object (tag script_retain_minimal_flattened). */
const MINIMAL_FLATTENED: ReadonlyMap<string, readonly string[]> = new Map([
  ['request_parameters', ['cidrIp', 'dryRun', 'fromPort', 'includeDeprecated', 'policyArn',
    'serialNumber', 'withDecryption', 'x-amz-server-side-encryption-customer-algorithm']],
  ['additional_eventdata', ['SSEApplied']],
]);

/** Simple renames and copies: [ECS field, raw path], in pipeline order where it matters. */
const IDENTITY_RENAMES: readonly (readonly [string, string])[] = [
  ['aws.cloudtrail.user_identity.invoked_by', 'userIdentity.invokedBy'],
  ['aws.cloudtrail.user_identity.invoked_by_delegate.account_id',
    'userIdentity.invokedByDelegate.accountId'],
  ['aws.cloudtrail.user_identity.credential_id', 'userIdentity.credentialId'],
  ['aws.cloudtrail.user_identity.identity_provider', 'userIdentity.identityProvider'],
  ['aws.cloudtrail.user_identity.in_scope_of.issuer_type', 'userIdentity.inScopeOf.issuerType'],
  ['aws.cloudtrail.user_identity.in_scope_of.credentials_issued_to',
    'userIdentity.inScopeOf.credentialsIssuedTo'],
  ['aws.cloudtrail.user_identity.in_scope_of.source_arn', 'userIdentity.inScopeOf.sourceArn'],
  ['aws.cloudtrail.user_identity.in_scope_of.source_account',
    'userIdentity.inScopeOf.sourceAccount'],
  ['aws.cloudtrail.user_identity.session_context.ec2_role_delivery',
    'userIdentity.sessionContext.ec2RoleDelivery'],
  ['aws.cloudtrail.user_identity.session_context.source_identity',
    'userIdentity.sessionContext.sourceIdentity'],
  ['aws.cloudtrail.user_identity.session_context.web_id_federation_data.federated_provider',
    'userIdentity.sessionContext.webIdFederationData.federatedProvider'],
];

const IDENTITY_RENAMES_AFTER_ATTRIBUTES: readonly (readonly [string, string])[] = [
  ['aws.cloudtrail.user_identity.session_context.assumed_root',
    'userIdentity.sessionContext.assumedRoot'],
  ['aws.cloudtrail.user_identity.session_context.sign_in_session_arn',
    'userIdentity.sessionContext.signInSessionArn'],
];

const EVENT_RENAMES: readonly (readonly [string, string])[] = [
  ['aws.cloudtrail.request_id', 'requestID'],
  ['event.id', 'eventID'],
  ['aws.cloudtrail.event_type', 'eventType'],
  ['aws.cloudtrail.api_version', 'apiVersion'],
];

const TRAILING_RENAMES: readonly (readonly [string, string])[] = [
  ['aws.cloudtrail.vpc_endpoint_id', 'vpcEndpointId'],
  ['aws.cloudtrail.vpc_endpoint_account_id', 'vpcEndpointAccountId'],
  ['aws.cloudtrail.addendum.reason', 'addendum.reason'],
  ['aws.cloudtrail.addendum.updated_fields', 'addendum.updatedFields'],
  ['aws.cloudtrail.addendum.original_request_id', 'addendum.originalRequestID'],
  ['aws.cloudtrail.addendum.original_event_id', 'addendum.originalEventID'],
];

const TARGET_COPIES: readonly (readonly [string, string])[] = [
  ['group.id', 'responseElements.group.groupId'],
  ['user.target.id', 'responseElements.user.userId'],
  ['user.changes.name', 'requestParameters.newUserName'],
  ['group.name', 'requestParameters.groupName'],
  ['user.target.name', 'requestParameters.userName'],
];

/** Maps a raw CloudTrail record to the ECS document Elastic's pipeline would index. */
export function mapRecord(record: JsonNode, options: MapOptions = {}): MappedDocument {
  const mapper = new RecordMapper(record, options);
  return mapper.run();
}

interface Located extends IndexedValue {
  rawPath: string;
  span: Span;
}

interface Resource {
  plain: { [key: string]: JsonPlain };
  arn?: Located;
  account_id?: Located;
  type?: Located;
}

class RecordMapper {
  private readonly record: JsonNode;
  private readonly pruning: Pruning;
  private readonly retain: Retain;
  private readonly spanOf: (offset: number) => number;
  private readonly bag = new FieldBag();
  private readonly notes: string[] = [];
  private readonly errors: string[] = [];
  private rejection: string | undefined;
  /** Keys the pipeline moves out of additionalEventData before rendering it. */
  private additionalEventDataMoved: string[] = [];
  private readonly emptiness: EmptinessMemo = new Map();

  constructor(record: JsonNode, options: MapOptions) {
    this.record = record;
    this.pruning = options.pruning ?? 'newest';
    this.retain = effectiveRetain(options.pruning, options.retain);
    this.spanOf = options.spanOf ?? ((offset: number) => offset);
  }

  run(): MappedDocument {
    if (this.record.kind !== 'object') {
      this.notes.push(`The record is a JSON ${this.record.kind}, not an object: ` +
        'only the pipeline\'s defaults apply.');
    }
    this.mapTimestamp();
    this.mapIdentity();
    this.mapEventAndSource();
    this.mapDuplicatedObjects();
    this.mapRequestDetails();
    this.mapConsoleLogin();
    this.categorize();
    this.mapTargetsAndTls();
    this.mapRelated();
    this.applyRetain();
    return this.build();
  }

  // ---- reading the record -------------------------------------------------------------------

  /** The value at a dotted raw path after pruning, as ctx.json?.a?.b reads it. */
  private get(path: string): JsonNode | undefined {
    return prunedPath(this.record, splitPath(path), this.pruning, this.emptiness);
  }

  private origin(node: JsonNode, rawPath: string): { rawPath: string; span: Span } {
    return { rawPath, span: translate(node.span, this.spanOf) };
  }

  /** Renames or copies the value at rawPath into field (no-op when it is absent). */
  private copyRaw(field: string, rawPath: string): boolean {
    const node = this.get(rawPath);
    if (node === undefined) return false;
    this.setFromNode(field, node, rawPath);
    return true;
  }

  /** Sets a field from a record value: scalars as one value, arrays as several. */
  private setFromNode(field: string, node: JsonNode, rawPath: string): void {
    if (node.kind === 'array') {
      const values: IndexedValue[] = [];
      node.items.forEach((item, index) => {
        if (item.kind !== 'object' && item.kind !== 'array' &&
          !isEmptyAfterPruning(item, this.pruning, this.emptiness)) {
          values.push({ text: scalarText(item), ...this.origin(item, `${rawPath}[${index}]`) });
        }
      });
      this.bag.set(field, { plain: this.prunedPlain(node), values });
      return;
    }
    if (node.kind === 'object') {
      this.notes.push(`${rawPath} is an object; ${field} keeps it in _source but it is not ` +
        'indexed as a value here.');
      this.bag.set(field, { plain: this.prunedPlain(node), values: [] });
      return;
    }
    const plain: JsonPlain = node.kind === 'number' ? plainNumber(node.text)
      : node.kind === 'null' ? null : node.value;
    const value = { text: scalarText(node), ...this.origin(node, rawPath) };
    this.bag.set(field, { plain, values: [value] });
  }

  private prunedPlain(node: JsonNode): JsonPlain {
    const pruned = pruneNode(node, this.pruning);
    return pruned === undefined ? null : toPlain(pruned);
  }

  /** What a mustache template '{{{json.x}}}' renders for a record value. */
  private templateText(node: JsonNode): string {
    if (node.kind === 'object' || node.kind === 'array') {
      return renderJavaMap(node, this.pruning)?.text ?? '';
    }
    return scalarText(node);
  }

  private stringAt(path: string): string | undefined {
    const node = this.get(path);
    return node !== undefined && node.kind === 'string' ? node.value : undefined;
  }

  // ---- the pipeline's steps -----------------------------------------------------------------

  /** @timestamp from eventTime (tag date_json_eventTime_to_timestamp_e9417ba3). */
  private mapTimestamp(): void {
    // The date processor runs before pruning: it sees "-" and "none", but not null or "".
    const eventTime = getMember(this.record, 'eventTime');
    if (eventTime !== undefined && eventTime.kind !== 'null' &&
      !(eventTime.kind === 'string' && eventTime.value === '')) {
      const parsed = eventTime.kind === 'string' ? parseIsoDate(eventTime.value) : undefined;
      if (parsed === undefined) {
        this.errors.push(`eventTime ${this.describe(eventTime)} is not an ISO 8601 date`);
        return;
      }
      this.bag.setText('@timestamp', parsed.text, this.origin(eventTime, 'eventTime'));
      if (parsed.spaceSeparated) {
        this.notes.push('eventTime separates date and time with a space; Elasticsearch\'s ' +
          'ISO 8601 parser would refuse it and keep the read time as @timestamp.');
      }
      return;
    }

    // Records that went through Logstash carry @timestamp instead (bugs.md 2.9); the pipeline
    // would keep the shipper's read time, which cannot be known here, so theirs is used.
    const own = getMember(this.record, '@timestamp');
    if (own !== undefined && own.kind === 'string') {
      const parsed = parseIsoDate(own.value);
      if (parsed !== undefined) {
        this.bag.setText('@timestamp', parsed.text, this.origin(own, '@timestamp'));
        this.notes.push('@timestamp comes from the record\'s own @timestamp (no eventTime); ' +
          'Elastic would show the time the record was read.');
      }
    }
  }

  /** userIdentity renames, user.name / user.id / user.email and the session name. */
  private mapIdentity(): void {
    const bag = this.bag;
    this.copyRaw('aws.cloudtrail.event_version', 'eventVersion');
    this.copyRaw('aws.cloudtrail.user_identity.type', 'userIdentity.type');
    this.copyRaw('user.name', 'userIdentity.userName');
    this.copyRaw('user.id', 'userIdentity.principalId');
    // tag set_aws_cloudtrail_user_identity_principal_id_a453359d
    bag.copy('aws.cloudtrail.user_identity.principal_id', 'user.id');
    this.copyRaw('aws.cloudtrail.user_identity.arn', 'userIdentity.arn');
    if (!bag.has('cloud.account.id')) this.copyRaw('cloud.account.id', 'userIdentity.accountId');
    this.copyRaw('aws.cloudtrail.user_identity.access_key_id', 'userIdentity.accessKeyId');
    this.copyRaw('aws.cloudtrail.user_identity.session_context.mfa_authenticated',
      'userIdentity.sessionContext.attributes.mfaAuthenticated');
    this.mapCreationDate();
    this.copyRaw('aws.cloudtrail.user_identity.session_context.session_issuer.type',
      'userIdentity.sessionContext.sessionIssuer.type');

    // tag rename_user_name_assumed_role_b771e356: the issuer's name replaces userName.
    const type = bag.text('aws.cloudtrail.user_identity.type');
    if (type === 'AssumedRole' || type === 'FederatedUser') {
      this.copyRaw('user.name', 'userIdentity.sessionContext.sessionIssuer.userName');
    }
    this.copyRaw('aws.cloudtrail.user_identity.session_context.session_issuer.principal_id',
      'userIdentity.sessionContext.sessionIssuer.principalId');
    this.mapSessionName(type);

    this.copyRaw('aws.cloudtrail.user_identity.on_behalf_of.user_id',
      'userIdentity.onBehalfOf.userId');
    this.copyRaw('aws.cloudtrail.user_identity.on_behalf_of.identity_store_arn',
      'userIdentity.onBehalfOf.identityStoreArn');
    if (type === 'IdentityCenterUser' && !bag.has('user.id')) {
      this.copyRaw('user.id', 'userIdentity.onBehalfOf.userId');
    }
    this.copyRaw('aws.cloudtrail.user_identity.session_context.session_issuer.arn',
      'userIdentity.sessionContext.sessionIssuer.arn');
    this.copyRaw('aws.cloudtrail.user_identity.session_context.session_issuer.account_id',
      'userIdentity.sessionContext.sessionIssuer.accountId');

    // tags set_user_id_from_iam_user_arn_c155d785 and set_user_id_from_assumed_role_arn_8aaeedbf
    if ((type === 'IAMUser' || type === 'Root') && bag.has('aws.cloudtrail.user_identity.arn')) {
      bag.copy('user.id', 'aws.cloudtrail.user_identity.arn');
    }
    const issuerArn = 'aws.cloudtrail.user_identity.session_context.session_issuer.arn';
    if (type === 'AssumedRole' && bag.has(issuerArn)) bag.copy('user.id', issuerArn);

    this.copyRaw('aws.cloudtrail.session_credential_from_console', 'sessionCredentialFromConsole');
    for (const [field, rawPath] of IDENTITY_RENAMES) this.copyRaw(field, rawPath);
    this.putFlattened(
      'aws.cloudtrail.user_identity.session_context.web_id_federation_data.attributes',
      'userIdentity.sessionContext.webIdFederationData.attributes');
    for (const [field, rawPath] of IDENTITY_RENAMES_AFTER_ATTRIBUTES) this.copyRaw(field, rawPath);
  }

  /** Session creation date, ISO 8601 or basic format (tag ..._creation_date_7cf57f10). */
  private mapCreationDate(): void {
    const rawPath = 'userIdentity.sessionContext.attributes.creationDate';
    const node = this.get(rawPath);
    if (node === undefined) return;
    const parsed = node.kind === 'string' ? parseSessionDate(node.value) : undefined;
    if (parsed === undefined) {
      this.errors.push(`${rawPath} ${this.describe(node)} is not a date`);
      return;
    }
    this.bag.setText('aws.cloudtrail.user_identity.session_context.creation_date', parsed.text,
      this.origin(node, rawPath));
  }

  /** The STS session name from the ARN, into related.user and user.email. */
  private mapSessionName(type: string | undefined): void {
    // tag extract_session_name_from_arn and the appends and dissect that follow it.
    const arnNode = this.get('userIdentity.arn');
    const arn = arnNode !== undefined && arnNode.kind === 'string' ? arnNode.value : undefined;
    if (arnNode === undefined || arn === undefined ||
      !(type === 'AssumedRole' || type === 'FederatedUser' || type === 'IdentityCenterUser') ||
      !arn.includes(':sts:') || !arn.includes('/')) {
      return;
    }
    const match = /^arn:[a-z0-9-]+:sts:.*\/(.*)$/.exec(arn);
    if (match === null) {
      this.errors.push('userIdentity.arn does not match the session name pattern');
      return;
    }
    const sessionName = match[1];
    const origin = this.origin(arnNode, 'userIdentity.arn');
    this.bag.append('related.user', sessionName, origin);
    const at = sessionName.indexOf('@');
    if (at >= 0) {
      this.bag.append('related.user', sessionName.slice(0, at), origin);
      if (!this.bag.has('user.email')) this.bag.setText('user.email', sessionName, origin);
    }
  }

  /** eventSource, eventName, region, source address, user agent, error fields. */
  private mapEventAndSource(): void {
    const bag = this.bag;

    // tag dissect_json_eventSource_to_cloud_service_name_5d2b7c94
    const source = this.get('eventSource');
    const suffix = '.amazonaws.com';
    if (source !== undefined && source.kind === 'string' && source.value.endsWith(suffix) &&
      !bag.has('cloud.service.name')) {
      const at = source.value.indexOf(suffix);
      if (at + suffix.length !== source.value.length) {
        this.errors.push(
          'eventSource does not match the pattern %{cloud.service.name}.amazonaws.com');
      } else if (at > 0) {
        bag.setText('cloud.service.name', source.value.slice(0, at),
          this.origin(source, 'eventSource'));
      }
    }
    if (!bag.has('event.provider')) this.copyRaw('event.provider', 'eventSource');

    // tag set_event_action_c4f8aee8: a template, so any value becomes its text.
    const eventName = this.get('eventName');
    if (eventName !== undefined) {
      const action = this.templateText(eventName);
      if (action !== '') bag.setText('event.action', action, this.origin(eventName, 'eventName'));
    }
    this.copyRaw('aws.cloudtrail.event_category', 'eventCategory');

    // tag rename_additionalEventData_UserName_to_username_552c89e0
    if (bag.text('event.action') === 'UserAuthentication' && !bag.has('user.name') &&
      this.copyRaw('user.name', 'additionalEventData.UserName')) {
      this.additionalEventDataMoved = ['UserName'];
    }

    bag.setText('cloud.provider', 'aws');
    this.copyRaw('cloud.region', 'awsRegion');
    if (!bag.has('source.address')) this.copyRaw('source.address', 'sourceIPAddress');
    this.convertToIp('source.ip', bag.get('source.address')?.values);

    // The user_agent processor always keeps the raw string as user_agent.original.
    const userAgent = this.get('userAgent');
    if (userAgent !== undefined && userAgent.kind === 'string') {
      bag.setText('user_agent.original', userAgent.value, this.origin(userAgent, 'userAgent'));
    } else if (userAgent !== undefined) {
      this.notes.push(`userAgent is a ${userAgent.kind}; the user_agent processor would fail.`);
    }
    this.copyRaw('aws.cloudtrail.error_code', 'errorCode');
    this.copyRaw('aws.cloudtrail.error_message', 'errorMessage');
  }

  /** Sets an ip field when every value is one IP address (the convert processor). */
  private convertToIp(field: string, values: IndexedValue[] | undefined): void {
    if (values === undefined || values.length === 0) return;
    if (!values.every((value) => isIpAddress(value.text))) return;
    const plain = values.length === 1 ? values[0].text : values.map((value) => value.text);
    this.bag.set(field, { plain, values: values.map((value) => ({ ...value })) });
  }

  /** The Map.toString() strings and the flattened copies (tag script_duplicate_rules_fields). */
  private mapDuplicatedObjects(): void {
    for (const [rawKey, name] of DUPLICATED_OBJECTS) {
      const node = this.get(rawKey);
      if (node === undefined) continue;
      const omitKeys = rawKey === 'additionalEventData' ? this.additionalEventDataMoved : [];
      const rendered = renderJavaMap(node, this.pruning, { omitKeys });
      if (rendered === undefined) continue;
      const text = rendered.text;
      const field = `aws.cloudtrail.${name}`;
      if (rendered.approximate) {
        this.notes.push(`${field}: an object of ${rawKey} fills a HashMap tree bin, whose key ` +
          'order is not modelled; the key order shown is approximate.');
      }

      const limit = IGNORE_ABOVE.get(field);
      const tooLong = limit !== undefined && text.length > limit;
      this.bag.set(field, {
        plain: text,
        values: [{ text, ...this.origin(node, rawKey) }],
        ...(tooLong ? {
          searchable: false,
          unsearchableReason: `${text.length} characters, above ignore_above ${limit}: kept ` +
            'in _source but not indexed',
        } : {}),
      });

      if (!this.keepsFlattened()) continue;
      if (text.length >= FLATTENED_MAX_LENGTH) {
        this.notes.push(`aws.cloudtrail.flattened.${name} is not created: ${field} has ` +
          `${text.length} UTF-16 code units, not below ${FLATTENED_MAX_LENGTH}.`);
        continue;
      }
      if (this.retain === 'minimal' && !MINIMAL_FLATTENED.has(name)) continue;
      this.putFlattened(`aws.cloudtrail.flattened.${name}`, rawKey, omitKeys,
        this.retain === 'minimal' ? MINIMAL_FLATTENED.get(name) : undefined);
    }
  }

  private keepsFlattened(): boolean {
    return this.retain === 'all' || this.retain === 'flattened' || this.retain === 'minimal';
  }

  /** Stores a flattened copy of the raw object at rawPath under field. */
  private putFlattened(field: string, rawPath: string, omitKeys?: readonly string[],
    onlyKeys?: readonly string[]): void {
    const node = this.get(rawPath);
    if (node === undefined) return;
    const copy = flattenedCopy(node, {
      field, rawPath, pruning: this.pruning, spanOf: this.spanOf, omitKeys, onlyKeys,
    });
    if (copy === undefined) return;
    if (copy.rejection !== undefined) this.rejection ??= copy.rejection;
    if (copy.leaves.length === 0 && copy.rejection === undefined) return;
    this.bag.set(field, { plain: null, pruned: copy.pruned, values: [], leaves: copy.leaves });
  }

  /** Request ids, read-only flag, resources, account and endpoint fields. */
  private mapRequestDetails(): void {
    const bag = this.bag;
    for (const [field, rawPath] of EVENT_RENAMES) {
      if (field === 'event.id' && bag.has('event.id')) continue;
      this.copyRaw(field, rawPath);
    }

    // tag convert_json_managementEvent_to_aws_cloudtrail_management_event: to a string.
    const management = this.get('managementEvent');
    if (management !== undefined && management.kind !== 'object' && management.kind !== 'array') {
      const text = scalarText(management);
      bag.setText('aws.cloudtrail.management_event', text,
        this.origin(management, 'managementEvent'));
    }
    this.copyRaw('aws.cloudtrail.read_only', 'readOnly');
    this.mapResources();
    this.copyRaw('aws.cloudtrail.recipient_account_id', 'recipientAccountId');
    if (!bag.has('cloud.account.id')) {
      bag.copy('cloud.account.id', 'aws.cloudtrail.recipient_account_id');
    }
    if (!this.copyRaw('aws.cloudtrail.shared_event_id', 'sharedEventID')) {
      this.copyRaw('aws.cloudtrail.shared_event_id', 'sharedEventId');
    }
    for (const [field, rawPath] of TRAILING_RENAMES) this.copyRaw(field, rawPath);

    // tags append_related_user_0121b806, _5ff399b8 and _e323b1c9
    for (const rawPath of ['requestParameters.userName', 'requestParameters.newUserName',
      'responseElements.user.userId']) {
      const node = this.get(rawPath);
      if (node !== undefined) {
        bag.append('related.user', this.templateText(node), this.origin(node, rawPath));
      }
    }
  }

  /** resources, deduplicated (tag script_deduplicate_json_resources). */
  private mapResources(): void {
    const resources = this.get('resources');
    if (resources === undefined) return;
    if (resources.kind !== 'array') {
      this.bag.set('aws.cloudtrail.resources', { plain: this.prunedPlain(resources), values: [] });
      return;
    }

    // Each resource is copied with ARN -> arn and accountId -> account_id, and kept in a HashMap
    // keyed by "arn_accountId_type": a later duplicate replaces the value but keeps the slot,
    // and the list comes out in that map's iteration order.
    const unique = new Map<string, Resource>();
    resources.items.forEach((item, index) => {
      if (item.kind !== 'object' || isEmptyAfterPruning(item, this.pruning, this.emptiness)) return;
      const resource = this.resource(item, index);
      const part = (value: Located | undefined): string => value?.text ?? '';
      unique.set(`${part(resource.arn)}_${part(resource.account_id)}_${part(resource.type)}`,
        resource);
    });
    const keys = [...unique.keys()];
    const list = javaHashMapOrder(keys).order.map((i) => unique.get(keys[i]) as Resource);
    const plain = list.map((entry) => entry.plain);
    this.bag.set('aws.cloudtrail.resources', { plain, values: [] });
    for (const sub of ['arn', 'account_id', 'type'] as const) {
      const values: IndexedValue[] = [];
      for (const resource of list) {
        const value = resource[sub];
        if (value !== undefined) values.push(value);
      }
      if (values.length > 0) {
        this.bag.set(`aws.cloudtrail.resources.${sub}`, {
          plain: values.map((value) => value.text), values, indexOnly: true,
        });
      }
    }
  }

  private resource(item: JsonNode, index: number): Resource {
    const plain = this.prunedPlain(item) as { [key: string]: JsonPlain };
    const renamed: { [key: string]: JsonPlain } = {};
    for (const [key, value] of Object.entries(plain)) {
      if (key === 'ARN' || key === 'accountId') continue;
      setOwn(renamed, key, value);
    }
    if (plain.ARN !== undefined) renamed.arn = plain.ARN;
    if (plain.accountId !== undefined) renamed.account_id = plain.accountId;

    const locate = (...keys: string[]): Located | undefined => {
      for (const key of keys) {
        const node = prunedMember(item, key, this.pruning, this.emptiness);
        if (node !== undefined) {
          const origin = this.origin(node, `resources[${index}].${key}`);
          return { text: this.templateText(node), ...origin };
        }
      }
      return undefined;
    };
    return {
      plain: renamed,
      arn: locate('ARN', 'arn'),
      account_id: locate('accountId', 'account_id'),
      type: locate('type'),
    };
  }

  /** ConsoleLogin's additionalEventData flags (tag script_console_login_additional_eventdata). */
  private mapConsoleLogin(): void {
    if (this.stringAt('eventName') !== 'ConsoleLogin') return;
    const prefix = 'aws.cloudtrail.console_login.additional_eventdata';
    for (const [raw, field] of [['MobileVersion', 'mobile_version'], ['MFAUsed', 'mfa_used']]) {
      const node = this.get(`additionalEventData.${raw}`);
      if (node === undefined) continue;
      const flag = !(node.kind === 'string' && node.value === 'No');
      this.bag.set(`${prefix}.${field}`, {
        plain: flag,
        values: [{ text: String(flag), ...this.origin(node, `additionalEventData.${raw}`) }],
      });
    }
    this.copyRaw(`${prefix}.login_to`, 'additionalEventData.LoginTo');
  }

  /** event.kind, type, outcome and category (tag script_add_ecs_categorization). */
  private categorize(): void {
    const bag = this.bag;
    bag.setText('event.kind', 'event');
    bag.setTexts('event.type', ['info']);

    const error = this.get('errorCode') !== undefined ? 'errorCode'
      : this.get('errorMessage') !== undefined ? 'errorMessage' : undefined;
    if (error !== undefined) {
      bag.setText('event.outcome', 'failure', this.origin(this.get(error) as JsonNode, error));
    } else {
      bag.setText('event.outcome', 'success');
    }

    const action = bag.text('event.action');
    if (action === undefined) return;
    if (action === 'ConsoleLogin') {
      const login = this.get('responseElements.ConsoleLogin');
      if (login !== undefined && login.kind === 'string') {
        bag.setText('event.outcome', login.value.toLowerCase(),
          this.origin(login, 'responseElements.ConsoleLogin'));
      } else if (login !== undefined) {
        this.errors.push('responseElements.ConsoleLogin is not a string');
      }
    }
    const categorization = eventCategorization(action);
    if (categorization !== undefined) {
      bag.setTexts('event.category', categorization.category);
      bag.setTexts('event.type', categorization.type);
    }
  }

  /** Account fallback, Insights details, user/group targets and the tls fields. */
  private mapTargetsAndTls(): void {
    const bag = this.bag;
    if (!bag.has('cloud.account.id')) this.copyRaw('cloud.account.id', 'awsAccountId');
    this.putFlattened('aws.cloudtrail.flattened.insight_details', 'insightDetails');
    for (const [field, rawPath] of TARGET_COPIES) this.copyRaw(field, rawPath);

    // tags remove_json_tlsDetails_d5e86911 and dissect_json_tlsDetails_tlsVersion_7a65d5ad
    const version = this.get('tlsDetails.tlsVersion');
    if (version !== undefined && version.kind === 'string' && version.value === 'tlsVersion') {
      return;
    }
    if (version !== undefined) {
      const origin = this.origin(version, 'tlsDetails.tlsVersion');
      const text = scalarText(version);
      const v = version.kind === 'string' ? text.indexOf('v') : -1;
      if (v >= 0) {
        const protocol = text.slice(0, v).toLowerCase();
        if (protocol !== '') bag.setText('tls.version_protocol', protocol, origin);
        if (v + 1 < text.length) bag.setText('tls.version', text.slice(v + 1), origin);
      } else {
        this.setFromNode('tls.version', version, 'tlsDetails.tlsVersion');
      }
    }
    this.copyRaw('tls.cipher', 'tlsDetails.cipherSuite');
    this.copyRaw('tls.client.server_name', 'tlsDetails.clientProvidedHostHeader');
    this.copyRaw('aws.cloudtrail.tls_details.key_exchange', 'tlsDetails.keyExchange');
  }

  /** user.email, related.user, related.ip and related.hosts. */
  private mapRelated(): void {
    const bag = this.bag;

    // tag set_user_email_d6b77481
    const name = bag.text('user.name');
    if (!bag.has('user.email') && name !== undefined && name.indexOf('@') > 0) {
      bag.copy('user.email', 'user.name');
    }
    for (const field of ['aws.cloudtrail.user_identity.principal_id', 'user.id', 'user.name',
      'user.changes.name', 'aws.cloudtrail.user_identity.on_behalf_of.user_id']) {
      for (const value of bag.get(field)?.values ?? []) {
        bag.append('related.user', value.text, { rawPath: value.rawPath, span: value.span });
      }
    }

    // tags append_related_ip_source_ip and append_related_ip_service_event_source_ip
    for (const value of bag.get('source.ip')?.values ?? []) {
      bag.append('related.ip', value.text, { rawPath: value.rawPath, span: value.span });
    }
    const serviceIp = this.get('serviceEventDetails.sourceIpAddress');
    if (serviceIp !== undefined && serviceIp.kind === 'string' && isIpAddress(serviceIp.value)) {
      bag.append('related.ip', serviceIp.value,
        this.origin(serviceIp, 'serviceEventDetails.sourceIpAddress'));
    }
    this.mapRelatedHosts();
  }

  /** related.hosts: host names and EC2 instance ids (tags append_related_hosts_*). */
  private mapRelatedHosts(): void {
    const bag = this.bag;
    const suffix = '.amazonaws.com';
    const serverName = bag.get('tls.client.server_name')?.values[0];
    if (serverName !== undefined && bag.text('tls.client.server_name') !== undefined &&
      !serverName.text.endsWith(suffix)) {
      bag.append('related.hosts', serverName.text,
        { rawPath: serverName.rawPath, span: serverName.span });
    }
    const address = bag.text('source.address');
    const addressValue = bag.get('source.address')?.values[0];
    if (!bag.has('source.ip') && address !== undefined && addressValue !== undefined &&
      address.includes('.') && !address.includes(' ') && !address.endsWith(suffix)) {
      bag.append('related.hosts', address,
        { rawPath: addressValue.rawPath, span: addressValue.span });
    }
    const computer = this.get('requestParameters.computerName');
    if (computer !== undefined) {
      bag.append('related.hosts', this.templateText(computer),
        this.origin(computer, 'requestParameters.computerName'));
    }

    // tag script_append_related_hosts_instance_ids
    const found: { text: string; origin: Omit<IndexedValue, 'text'> }[] = [];
    const add = (node: JsonNode | undefined, rawPath: string): void => {
      if (node === undefined || node.kind !== 'string') return;
      const id = node.value;
      if (id.length >= 10 && id.startsWith('i-') && !found.some((entry) => entry.text === id)) {
        found.push({ text: id, origin: this.origin(node, rawPath) });
      }
    };
    for (const value of bag.get('aws.cloudtrail.resources.arn')?.values ?? []) {
      if (value.text.includes(':instance/')) {
        const id = value.text.slice(value.text.lastIndexOf('/') + 1);
        if (id.length >= 10 && id.startsWith('i-') && !found.some((entry) => entry.text === id)) {
          found.push({ text: id, origin: { rawPath: value.rawPath, span: value.span } });
        }
      }
    }
    for (const container of ['requestParameters', 'responseElements']) {
      const node = this.get(container);
      if (node === undefined || node.kind !== 'object') continue;
      for (const key of ['instanceId', 'target', 'resourceId']) {
        add(prunedMember(node, key, this.pruning, this.emptiness), `${container}.${key}`);
      }
      const ids = prunedMember(node, 'instanceIds', this.pruning, this.emptiness);
      if (ids !== undefined && ids.kind === 'array') {
        ids.items.forEach((id, i) => add(id, `${container}.instanceIds[${i}]`));
      }
      const items = prunedPath(node, ['instancesSet', 'items'], this.pruning, this.emptiness);
      if (items !== undefined && items.kind === 'array') {
        items.items.forEach((item, i) => add(
          prunedMember(item, 'instanceId', this.pruning, this.emptiness),
          `${container}.instancesSet.items[${i}].instanceId`));
      }
    }
    for (const entry of found) bag.append('related.hosts', entry.text, entry.origin);
  }

  /** Drops the string forms when retain asks for it (tag remove_9365dd2c). */
  private applyRetain(): void {
    if (this.retain !== 'flattened' && this.retain !== 'none') return;
    for (const [, name] of DUPLICATED_OBJECTS) this.bag.delete(`aws.cloudtrail.${name}`);
  }

  // ---- the document -------------------------------------------------------------------------

  private build(): MappedDocument {
    const bag = this.bag;
    for (const [field, value] of CONSTANT_FIELDS) bag.setText(field, value);
    bag.setText('ecs.version', ECS_VERSION);
    if (this.errors.length > 0) {
      bag.setTexts('error.message', this.errors);
      bag.setText('event.kind', 'pipeline_error');
      this.notes.push(...this.errors.map((error) => `Pipeline error: ${error}.`));
    }

    // The pipeline's final pruning (tag script_remove_nulls) drops what is empty.
    const kept = [...bag.all()].filter(([, entry]) =>
      entry.pruned !== undefined || !isEmptyPlain(entry.plain));

    // _source is built when first read: matching needs only the indexed fields.
    const document = new IndexedEcsDocument(() => {
      const source: { [key: string]: JsonPlain } = {};
      for (const [name, entry] of kept) {
        if (entry.indexOnly === true) continue;
        setNested(source, name, entry.pruned !== undefined ? toPlain(entry.pruned) : entry.plain);
      }
      return source;
    }, this.notes);
    if (this.rejection !== undefined) {
      document.rejection = this.rejection;
      this.notes.push(`Elasticsearch would reject this document: ${this.rejection}.`);
    }
    for (const [name, entry] of kept) {
      if (entry.leaves !== undefined) {
        if (entry.leaves.length === 0) continue;
        const values = entry.leaves.map((leaf) => leaf.value);
        document.addField({ name, type: 'flattened_root', values });
        for (const leaf of entry.leaves) {
          document.addField({
            name: `${name}.${leaf.key}`, type: 'flattened_keyed', values: [leaf.value],
            listed: false,
          });
        }
        continue;
      }
      const searchable = entry.searchable ?? true;
      const state = searchable ? {} : { searchable, unsearchableReason: entry.unsearchableReason };
      if (entry.values.length > 0 || !searchable) {
        document.addField({ name, values: entry.values, ...state });
      }
      if (STRING_FIELDS.has(name)) {
        // The `.text` multi-field indexes the same string as text, with no length limit.
        document.addField({ name: `${name}.text`, values: entry.values });
      }
    }
    return document;
  }

  private describe(node: JsonNode): string {
    return node.kind === 'string' ? JSON.stringify(node.value) : `(a ${node.kind})`;
  }
}

const splitPaths = new Map<string, string[]>();

/** A dotted path split into keys; the paths used are a fixed set, so the splits are kept. */
function splitPath(path: string): string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split('.');
    splitPaths.set(path, keys);
  }
  return keys;
}

function isEmptyPlain(plain: JsonPlain): boolean {
  if (plain === null || plain === '') return true;
  if (Array.isArray(plain)) return plain.length === 0;
  if (typeof plain === 'object') return Object.keys(plain).length === 0;
  return false;
}
