// The field catalog: the Elasticsearch type of every field a mapped CloudTrail document can
// have, which decides how a KQL clause matches it. Sources: the CloudTrail data stream's
// fields.yml and base-fields.yml in elastic/integrations (packages/aws/data_stream/cloudtrail/
// fields/, read at 7d5030ab6c5a43e9fae5d59681c727cc15a5d703) and the ECS field reference for
// the ECS fields (ecs-mapping.md, sections 5 and 7-9).
import type { FieldType } from '../types';

/** Fields of type `flattened`: a query on one searches every leaf below it. */
export const FLATTENED_ROOTS: readonly string[] = [
  'aws.cloudtrail.flattened.request_parameters',
  'aws.cloudtrail.flattened.response_elements',
  'aws.cloudtrail.flattened.additional_eventdata',
  'aws.cloudtrail.flattened.service_event_details',
  'aws.cloudtrail.flattened.digest',
  'aws.cloudtrail.flattened.insight_details',
  'aws.cloudtrail.user_identity.session_context.web_id_federation_data.attributes',
  'aws.s3.metadata',
];

/** Keyword fields whose values longer than this many characters are kept but not indexed. */
export const IGNORE_ABOVE: ReadonlyMap<string, number> = new Map([
  ['aws.cloudtrail.request_parameters', 8191],
  ['aws.cloudtrail.response_elements', 8191],
]);

/** The constant_keyword fields of the CloudTrail data stream and their values. */
export const CONSTANT_FIELDS: ReadonlyMap<string, string> = new Map([
  ['data_stream.dataset', 'aws.cloudtrail'],
  ['event.dataset', 'aws.cloudtrail'],
  ['event.module', 'aws'],
]);

const DATE_FIELDS = [
  '@timestamp', 'event.created', 'event.ingested', 'event.start', 'event.end',
  'aws.cloudtrail.user_identity.session_context.creation_date',
];

const IP_FIELDS = ['source.ip', 'related.ip', 'client.ip', 'destination.ip', 'host.ip'];

const BOOLEAN_FIELDS = [
  'aws.cloudtrail.read_only',
  'aws.cloudtrail.console_login.additional_eventdata.mfa_used',
  'aws.cloudtrail.console_login.additional_eventdata.mobile_version',
  'aws.cloudtrail.user_identity.session_context.assumed_root',
];

const TEXT_FIELDS = [
  'aws.cloudtrail.request_parameters.text',
  'aws.cloudtrail.response_elements.text',
  'aws.cloudtrail.additional_eventdata.text',
  'aws.cloudtrail.service_event_details.text',
  'error.message',
  'message',
];

const KEYWORD_FIELDS = [
  'event.action', 'event.provider', 'event.outcome', 'event.kind', 'event.type',
  'event.category', 'event.id', 'event.original', 'ecs.version', 'tags',
  'data_stream.type', 'data_stream.namespace',
  'cloud.provider', 'cloud.region', 'cloud.account.id', 'cloud.service.name',
  'source.address', 'source.as.organization.name', 'source.geo.city_name',
  'source.geo.continent_name', 'source.geo.country_iso_code', 'source.geo.country_name',
  'source.geo.region_iso_code', 'source.geo.region_name',
  'related.user', 'related.hosts', 'related.hash', 'related.entity',
  'user.id', 'user.name', 'user.email', 'user.target.id', 'user.target.name',
  'user.changes.name', 'group.id', 'group.name',
  'tls.version', 'tls.version_protocol', 'tls.cipher', 'tls.client.server_name',
  'user_agent.original', 'user_agent.name', 'user_agent.version', 'user_agent.device.name',
  'user_agent.os.name', 'user_agent.os.version', 'user_agent.os.full',
  'file.path', 'file.hash.sha256',
  'aws.cloudtrail.event_version', 'aws.cloudtrail.event_category', 'aws.cloudtrail.event_type',
  'aws.cloudtrail.error_code', 'aws.cloudtrail.error_message',
  'aws.cloudtrail.request_parameters', 'aws.cloudtrail.response_elements',
  'aws.cloudtrail.additional_eventdata', 'aws.cloudtrail.service_event_details',
  'aws.cloudtrail.request_id', 'aws.cloudtrail.api_version', 'aws.cloudtrail.management_event',
  'aws.cloudtrail.recipient_account_id', 'aws.cloudtrail.shared_event_id',
  'aws.cloudtrail.vpc_endpoint_id', 'aws.cloudtrail.vpc_endpoint_account_id',
  'aws.cloudtrail.session_credential_from_console',
  'aws.cloudtrail.resources.arn', 'aws.cloudtrail.resources.account_id',
  'aws.cloudtrail.resources.type', 'aws.cloudtrail.tls_details.key_exchange',
  'aws.cloudtrail.addendum.reason', 'aws.cloudtrail.addendum.updated_fields',
  'aws.cloudtrail.addendum.original_request_id', 'aws.cloudtrail.addendum.original_event_id',
  'aws.cloudtrail.console_login.additional_eventdata.login_to',
  'aws.cloudtrail.user_identity.type', 'aws.cloudtrail.user_identity.arn',
  'aws.cloudtrail.user_identity.principal_id', 'aws.cloudtrail.user_identity.access_key_id',
  'aws.cloudtrail.user_identity.invoked_by',
  'aws.cloudtrail.user_identity.invoked_by_delegate.account_id',
  'aws.cloudtrail.user_identity.credential_id', 'aws.cloudtrail.user_identity.identity_provider',
  'aws.cloudtrail.user_identity.in_scope_of.issuer_type',
  'aws.cloudtrail.user_identity.in_scope_of.credentials_issued_to',
  'aws.cloudtrail.user_identity.in_scope_of.source_arn',
  'aws.cloudtrail.user_identity.in_scope_of.source_account',
  'aws.cloudtrail.user_identity.on_behalf_of.user_id',
  'aws.cloudtrail.user_identity.on_behalf_of.identity_store_arn',
  'aws.cloudtrail.user_identity.session_context.mfa_authenticated',
  'aws.cloudtrail.user_identity.session_context.ec2_role_delivery',
  'aws.cloudtrail.user_identity.session_context.source_identity',
  'aws.cloudtrail.user_identity.session_context.sign_in_session_arn',
  'aws.cloudtrail.user_identity.session_context.web_id_federation_data.federated_provider',
  'aws.cloudtrail.user_identity.session_context.session_issuer.type',
  'aws.cloudtrail.user_identity.session_context.session_issuer.principal_id',
  'aws.cloudtrail.user_identity.session_context.session_issuer.arn',
  'aws.cloudtrail.user_identity.session_context.session_issuer.account_id',
];

const CATALOG: ReadonlyMap<string, FieldType> = new Map<string, FieldType>([
  ...KEYWORD_FIELDS.map((name) => [name, 'keyword'] as const),
  ...DATE_FIELDS.map((name) => [name, 'date'] as const),
  ...IP_FIELDS.map((name) => [name, 'ip'] as const),
  ...BOOLEAN_FIELDS.map((name) => [name, 'boolean'] as const),
  ...TEXT_FIELDS.map((name) => [name, 'text'] as const),
  ...[...CONSTANT_FIELDS.keys()].map((name) => [name, 'constant_keyword'] as const),
  ...FLATTENED_ROOTS.map((name) => [name, 'flattened_root'] as const),
  ['source.as.number', 'long'],
]);

/** The mapped type of a field, or undefined for a field the catalog does not know. */
export function fieldTypeOf(name: string): FieldType | undefined {
  const known = CATALOG.get(name);
  if (known !== undefined) return known;
  return flattenedRootOf(name) !== undefined ? 'flattened_keyed' : undefined;
}

/** The flattened root at or above a field name (the name itself when it is a root). */
export function flattenedRootOf(name: string): string | undefined {
  for (const root of FLATTENED_ROOTS) {
    if (name === root || (name.startsWith(root) && name.charCodeAt(root.length) === 0x2e)) {
      return root;
    }
  }
  return undefined;
}
