// The ECS categorization table of Elastic's CloudTrail pipeline: for these event names the
// categorization script copies `category` and `type` into `event`, replacing type ["info"].
// Facts taken from the params of the script with tag `script_add_ecs_categorization` in
// elastic/integrations packages/aws/data_stream/cloudtrail/elasticsearch/ingest_pipeline/
// default.yml at 7d5030ab6c5a43e9fae5d59681c727cc15a5d703 (the first 56 rows also exist in
// the 2024 version 0046748f; "Publish", "SendCommand" and "Converse" had an empty type list in
// some versions between). The table is keyed by eventName only, whatever the eventSource.

// Rows: event name, categories, types (space-separated).
const ROWS: readonly (readonly [string, string, string])[] = [
  ['AddUserToGroup', 'iam', 'group change'],
  ['AssumeRole', 'authentication', 'info'],
  ['AttachGroupPolicy', 'iam', 'group change'],
  ['AttachUserPolicy', 'iam', 'user change'],
  ['ChangePassword', 'iam', 'user change'],
  ['ConsoleLogin', 'authentication', 'info'],
  ['CreateAccessKey', 'iam', 'user change'],
  ['CreateBucket', 'file', 'creation'],
  ['CreateGroup', 'iam', 'group creation'],
  ['CreateKeyPair', 'iam', 'admin creation'],
  ['CreateUser', 'iam', 'user creation'],
  ['CreateVirtualMFADevice', 'iam', 'user change'],
  ['DeactivateMFADevice', 'iam', 'user change'],
  ['DeleteAccessKey', 'iam', 'user change'],
  ['DeleteBucket', 'file', 'deletion'],
  ['DeleteGroup', 'iam', 'group deletion'],
  ['DeleteGroupPolicy', 'iam', 'group change'],
  ['DeleteSSHPublicKey', 'iam', 'user change'],
  ['DeleteUser', 'iam', 'user deletion'],
  ['DeleteUserPermissionsBoundary', 'iam', 'user change'],
  ['DeleteUserPolicy', 'iam', 'user change'],
  ['DeleteVirtualMFADevice', 'iam', 'user change'],
  ['DetachGroupPolicy', 'iam', 'group change'],
  ['DetachUserPolicy', 'iam', 'user change'],
  ['EnableMFADevice', 'iam', 'user change'],
  ['GetGroup', 'iam', 'group info'],
  ['GetGroupPolicy', 'iam', 'group info'],
  ['GetUser', 'iam', 'user info'],
  ['GetUserPolicy', 'iam', 'user info'],
  ['ListAttachedGroupPolicies', 'iam', 'group info'],
  ['ListAttachedUserPolicies', 'iam', 'user info'],
  ['ListGroupPolicies', 'iam', 'group info'],
  ['ListGroups', 'iam', 'group info'],
  ['ListGroupsForUser', 'iam', 'user info'],
  ['ListUserPolicies', 'iam', 'user info'],
  ['ListUsers', 'iam', 'user info'],
  ['ListUserTags', 'iam', 'user info'],
  ['PutGroupPolicy', 'iam', 'group change'],
  ['PutUserPermissionsBoundary', 'iam', 'user change'],
  ['PutUserPolicy', 'iam', 'user change'],
  ['RemoveUserFromGroup', 'iam', 'group change'],
  ['SetDefaultPolicyVersion', 'iam', 'admin change'],
  ['SetSecurityTokenServicePreferences', 'iam', 'admin change'],
  ['TagUser', 'iam', 'user change'],
  ['UntagUser', 'iam', 'user change'],
  ['UpdateAccessKey', 'iam', 'user change'],
  ['UpdateAccountPasswordPolicy', 'iam', 'admin change'],
  ['UpdateGroup', 'iam', 'group change'],
  ['UpdateLoginProfile', 'iam', 'user change'],
  ['UpdateRole', 'iam', 'admin change'],
  ['UpdateSSHPublicKey', 'iam', 'user change'],
  ['UpdateUser', 'iam', 'user change'],
  ['GetCallerIdentity', 'authentication', 'info'],
  ['DescribeInstances', 'host', 'info'],
  ['DescribeSecurityGroups', 'network', 'info'],
  ['ListBuckets', 'file', 'info'],
  ['DescribeNetworkInterfaces', 'network', 'info'],
  ['DescribeRegions', 'api', 'info'],
  ['ListRoles', 'iam', 'info'],
  ['DescribeVpcs', 'network', 'info'],
  ['DescribeNetworkAcls', 'network', 'info'],
  ['DescribeLoadBalancers', 'network', 'info'],
  ['DescribeVolumes', 'host', 'info'],
  ['DescribeTrails', 'configuration', 'info'],
  ['ListFunctions', 'package', 'info'],
  ['ListTables', 'database', 'info'],
  ['ListInstanceAssociations', 'host', 'info'],
  ['DescribeDBInstances', 'database', 'info'],
  ['AuthorizeSecurityGroupIngress', 'network', 'access'],
  ['CreateTopic', 'configuration', 'creation'],
  ['Subscribe', 'configuration', 'change'],
  ['Publish', 'api', 'info'],
  ['SendCommand', 'process', 'start'],
  ['GetPolicy', 'iam', 'info'],
  ['CreatePolicy', 'iam', 'creation'],
  ['ListAttachedRolePolicies', 'iam', 'info'],
  ['AttachRolePolicy', 'iam', 'change'],
  ['Converse', 'api', 'info'],
  ['CreateDocument', 'file', 'creation'],
  ['StartSession', 'session', 'start'],
  ['CreateControlChannel', 'session', 'start'],
  ['OpenControlChannel', 'session', 'start'],
  ['CreateDataChannel', 'session', 'start'],
  ['OpenDataChannel', 'session', 'start'],
  ['TerminateSession', 'session', 'end'],
  ['ListObjects', 'file', 'info'],
  ['HeadObject', 'file', 'info'],
  ['GetObject', 'file', 'info'],
  ['PutObject', 'file', 'change'],
  ['DeleteTrail', 'configuration', 'deletion'],
  ['DeleteObject', 'file', 'deletion'],
];

export interface EventCategorization {
  category: readonly string[];
  type: readonly string[];
}

const TABLE: ReadonlyMap<string, EventCategorization> = new Map(ROWS.map(
  ([name, category, type]) => [name, { category: category.split(' '), type: type.split(' ') }]));

/** The pipeline's categorization of an event name, when its table has one. */
export function eventCategorization(eventName: string): EventCategorization | undefined {
  return TABLE.get(eventName);
}

/** Every event name of the table (for tests and documentation). */
export function categorizedEventNames(): string[] {
  return [...TABLE.keys()];
}
