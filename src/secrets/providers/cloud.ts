import type { ProviderEntry } from './build.ts';
import { B, E, assigned, fake, family, rx } from './build.ts';

/** Cloud platforms: access keys, API tokens and account keys. */
export const cloudProviders: ProviderEntry[] = family('cloud', [
  {
    n: 1, slug: 'no-aws-access-key-id', name: 'AWS access key ID', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], gitleaks: 'aws-access-token', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})${E}`),
    sample: `AKIA${fake('b32', 16, 'aws-id')}`, around: ['aws_access_key_id = ', ''],
    fp: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'id = AKIA1234'], references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  },
  {
    n: 2, slug: 'no-aws-secret-access-key', name: 'AWS secret access key', keywords: ['aws', 'secret_access_key', 'secretaccesskey'], entropy: 4, severity: 'critical',
    pattern: assigned(String.raw`aws_?secret_?(?:access_?)?key|secret_?access_?key`, String.raw`[A-Za-z0-9/+]{40}`),
    sample: fake('b64', 40, 'aws-secret'), around: ['aws_secret_access_key = ', ''],
    fp: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = ${AWS_SECRET}'], references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  },
  {
    n: 3, slug: 'no-aws-session-token', name: 'AWS session token', keywords: ['session_token', 'sessiontoken', 'security_token'], entropy: 4.5,
    pattern: assigned(String.raw`aws_?session_?token|aws_?security_?token`, String.raw`[A-Za-z0-9/+=]{100,1200}`),
    sample: `IQoJb3JpZ2luX2Vj${fake('b64', 180, 'aws-session')}`, around: ['aws_session_token = ', ''],
    fp: ['aws_session_token = short'],
  },
  {
    n: 4, slug: 'no-gcp-api-key', name: 'Google Cloud API key', keywords: ['aiza'], gitleaks: 'gcp-api-key', entropy: 4,
    pattern: rx(String.raw`${B}(?<secret>AIza[\w-]{35})${E}`),
    sample: `AIza${fake('url', 35, 'gcp')}`, around: ['"apiKey": "', '",'], fp: ['AIzaSyabcdefghijklmnopqrstuvwxyz1234567'],
  },
  {
    n: 5, slug: 'no-gcp-service-account-key', name: 'Google Cloud service account private key', keywords: ['private_key_id'], severity: 'critical', keepPlaceholders: false,
    pattern: rx(String.raw`"private_key_id"\s{0,5}:\s{0,5}"(?<secret>[a-f0-9]{40})"`),
    sample: fake('hex', 40, 'gcp-sa'), around: ['  "type": "service_account", "private_key_id": "', '",'], fp: ['"private_key_id": "abc"'],
  },
  {
    n: 6, slug: 'no-gcp-oauth-client-secret', name: 'Google OAuth client secret', keywords: ['gocspx-'],
    pattern: rx(String.raw`${B}(?<secret>GOCSPX-[\w-]{28})${E}`), entropy: 3.5,
    sample: `GOCSPX-${fake('url', 28, 'gocspx')}`, fp: ['GOCSPX-short'],
  },
  {
    n: 7, slug: 'no-azure-storage-account-key', name: 'Azure storage account key', keywords: ['accountkey'], severity: 'critical', entropy: 4.5,
    pattern: rx(String.raw`AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)`, 'i'),
    sample: `${fake('b64', 86, 'azure-storage')}==`, around: ['DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=', ';EndpointSuffix=core.windows.net'], fp: ['AccountKey=${STORAGE_KEY};'],
  },
  {
    n: 8, slug: 'no-azure-ad-client-secret', name: 'Microsoft Entra ID (Azure AD) client secret', keywords: ['q~'], gitleaks: 'azure-ad-client-secret', entropy: 3,
    pattern: rx(String.raw`(?:^|[\\'"\x60\s>=:(,)])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"\x60\s<),])`, 'm'),
    sample: `${fake('alnum', 3, 'entra-a')}8Q~${fake('alnum', 34, 'entra-b')}`, around: ['AZURE_CLIENT_SECRET="', '"'], fp: ['value = "abc8Q~short"'],
  },
  {
    n: 9, slug: 'no-azure-sas-token', name: 'Azure shared access signature', keywords: ['sig='], entropy: 4,
    pattern: rx(String.raw`[?&]sv=\d{4}-\d\d-\d\d&[\w%&=:.-]{0,300}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{43,64}(?:%3D|=){0,2})`, 'i'),
    sample: `${fake('alnum', 43, 'azure-sas')}%3D`, around: ['https://acct.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&srt=o&sp=r&se=2030-01-01T00:00:00Z&sig=', ''],
    fp: ['https://acct.blob.core.windows.net/c/f?sig=abc'],
  },
  {
    n: 10, slug: 'no-azure-devops-pat', name: 'Azure DevOps personal access token', keywords: ['azure_devops', 'azure-devops', 'ado_pat', 'system_accesstoken', 'azdo'], entropy: 3.8,
    pattern: assigned('azure[_-]?devops[\\w-]{0,20}(?:token|pat)|ado_pat|azdo[\\w-]{0,10}(?:token|pat)', String.raw`[a-z2-7]{52}`),
    sample: fake('lower', 52, 'ado').replace(/[0189]/g, 'q'), around: ['AZURE_DEVOPS_PAT=', ''], fp: ['AZURE_DEVOPS_PAT=$(System.AccessToken)'],
  },
  {
    n: 11, slug: 'no-alibaba-access-key-id', name: 'Alibaba Cloud AccessKey ID', keywords: ['ltai'], gitleaks: 'alibaba-access-key-id', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>LTAI[a-zA-Z0-9]{20})${E}`),
    sample: `LTAI${fake('alnum', 20, 'alibaba-id')}`, fp: ['LTAIshort'],
  },
  {
    n: 12, slug: 'no-alibaba-secret-key', name: 'Alibaba Cloud AccessKey secret', keywords: ['alibaba', 'aliyun'], gitleaks: 'alibaba-secret-key', entropy: 3.5,
    pattern: assigned('alibaba|aliyun', '[a-zA-Z0-9]{30}'),
    sample: fake('alnum', 30, 'alibaba-secret'), around: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=', ''], fp: ['alibaba_region = cn-hangzhou-public-zone-a1b2c3d4'],
  },
  {
    n: 13, slug: 'no-tencent-cloud-secret-id', name: 'Tencent Cloud SecretId', keywords: ['akid'], entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>AKID[a-zA-Z0-9]{32})${E}`),
    sample: `AKID${fake('alnum', 32, 'tencent')}`, fp: ['AKID-not-a-key'],
  },
  {
    n: 14, slug: 'no-digitalocean-pat', name: 'DigitalOcean personal access token', keywords: ['dop_v1_'], gitleaks: 'digitalocean-pat', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>dop_v1_[a-f0-9]{64})${E}`), sample: `dop_v1_${fake('hex', 64, 'do-pat')}`, fp: ['dop_v1_abc'],
  },
  {
    n: 15, slug: 'no-digitalocean-oauth-token', name: 'DigitalOcean OAuth access token', keywords: ['doo_v1_'], gitleaks: 'digitalocean-access-token', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>doo_v1_[a-f0-9]{64})${E}`), sample: `doo_v1_${fake('hex', 64, 'do-oauth')}`, fp: ['doo_v1_abc'],
  },
  {
    n: 16, slug: 'no-digitalocean-refresh-token', name: 'DigitalOcean OAuth refresh token', keywords: ['dor_v1_'], gitleaks: 'digitalocean-refresh-token', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>dor_v1_[a-f0-9]{64})${E}`), sample: `dor_v1_${fake('hex', 64, 'do-refresh')}`, fp: ['dor_v1_abc'],
  },
  {
    n: 17, slug: 'no-heroku-api-key', name: 'Heroku API key', keywords: ['heroku'], gitleaks: 'heroku-api-key',
    pattern: assigned('heroku', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
    sample: '4f9c2a7e-8b1d-4c3e-9a6f-2d7b5e1c8a93', around: ['HEROKU_API_KEY=', ''], fp: ['HEROKU_APP_NAME=my-app'],
  },
  {
    n: 18, slug: 'no-heroku-api-key-v2', name: 'Heroku platform API key', keywords: ['hrku-aa'], gitleaks: 'heroku-api-key-v2', entropy: 4,
    pattern: rx(String.raw`${B}(?<secret>HRKU-AA[0-9a-zA-Z_-]{58})${E}`), sample: `HRKU-AA${fake('url', 58, 'heroku2')}`, fp: ['HRKU-AAshort'],
  },
  {
    n: 19, slug: 'no-cloudflare-api-token', name: 'Cloudflare API token', keywords: ['cloudflare', 'cf_api_token'], gitleaks: 'cloudflare-api-key', entropy: 3.5,
    pattern: assigned('cloudflare|cf_api', '[A-Za-z0-9_-]{40}'), sample: fake('url', 40, 'cloudflare'), around: ['CLOUDFLARE_API_TOKEN=', ''], fp: ['CLOUDFLARE_ZONE=example.org'],
  },
  {
    n: 20, slug: 'no-cloudflare-global-api-key', name: 'Cloudflare global API key', keywords: ['cloudflare'], gitleaks: 'cloudflare-global-api-key', entropy: 3,
    pattern: assigned('cloudflare', '[a-f0-9]{37}'), sample: fake('hex', 37, 'cf-global'), around: ['cloudflare_global_key: ', ''], fp: ['cloudflare_global_key: 0000'],
  },
  {
    n: 21, slug: 'no-cloudflare-origin-ca-key', name: 'Cloudflare Origin CA key', keywords: ['v1.0-'], gitleaks: 'cloudflare-origin-ca-key', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})${E}`), sample: `v1.0-${fake('hex', 24, 'cf-ca-a')}-${fake('hex', 146, 'cf-ca-b')}`, fp: ['version v1.0-beta'],
  },
  {
    n: 22, slug: 'no-flyio-token', name: 'Fly.io access token', keywords: ['fo1_', 'fm1', 'fm2_'], gitleaks: 'flyio-access-token', entropy: 4,
    pattern: rx(String.raw`${B}(?<secret>fo1_[\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,}={0,3}|fm2_[a-zA-Z0-9+/]{100,}={0,3})(?![\w+/=-])`), sample: `fo1_${fake('url', 43, 'fly')}`, fp: ['fo1_short'],
  },
  {
    n: 23, slug: 'no-netlify-token', name: 'Netlify access token', keywords: ['nfp_'], gitleaks: 'netlify-access-token', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>nfp_[a-zA-Z0-9]{36})${E}`),
    sample: `nfp_${fake('alnum', 36, 'netlify')}`, fp: ['NETLIFY_SITE=site'],
  },
  {
    n: 24, slug: 'no-vercel-token', name: 'Vercel access token', keywords: ['vercel'], entropy: 3.5,
    pattern: assigned('vercel[\\w-]{0,10}(?:token|key)', '[a-zA-Z0-9]{24}'), sample: fake('alnum', 24, 'vercel'), around: ['VERCEL_TOKEN=', ''], fp: ['VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}'],
  },
  {
    n: 25, slug: 'no-doppler-token', name: 'Doppler API token', keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'], gitleaks: 'doppler-api-token', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>dp\.(?:pt|st|sa|ct|scim|audit)\.[a-zA-Z0-9]{40,44})${E}`), sample: `dp.pt.${fake('alnum', 43, 'doppler')}`, fp: ['dp.pt.short'],
  },
  {
    n: 26, slug: 'no-pulumi-token', name: 'Pulumi access token', keywords: ['pul-'], gitleaks: 'pulumi-api-token', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>pul-[a-f0-9]{40})${E}`), sample: `pul-${fake('hex', 40, 'pulumi')}`, fp: ['pul-request'],
  },
  {
    n: 27, slug: 'no-terraform-cloud-token', name: 'HCP Terraform API token', keywords: ['atlasv1'], gitleaks: 'hashicorp-tf-api-token', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>[a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9_=-]{60,70})${E}`), sample: `${fake('alnum', 14, 'tfc-a')}.atlasv1.${fake('url', 67, 'tfc-b')}`, fp: ['token.atlasv1.short'],
  },
  {
    n: 28, slug: 'no-vault-service-token', name: 'HashiCorp Vault service token', keywords: ['hvs.'], gitleaks: 'vault-service-token', entropy: 3.5, severity: 'critical',
    pattern: rx(String.raw`${B}(?<secret>hvs\.[\w-]{90,120})${E}`), sample: `hvs.${fake('url', 95, 'vault')}`, fp: ['hvs.short'],
  },
  {
    n: 29, slug: 'no-vault-batch-token', name: 'HashiCorp Vault batch token', keywords: ['hvb.'], gitleaks: 'vault-batch-token', entropy: 4,
    pattern: rx(String.raw`${B}(?<secret>hvb\.[\w-]{138,300})${E}`), sample: `hvb.${fake('url', 150, 'vault-batch')}`, fp: ['hvb.short'],
  },
  {
    n: 30, slug: 'no-ibm-cloud-api-key', name: 'IBM Cloud API key', keywords: ['ibm'], entropy: 4,
    pattern: assigned('ibm[\\w-]{0,10}(?:api[_-]?key|apikey)', '[a-zA-Z0-9_-]{44}'), sample: fake('url', 44, 'ibm'), around: ['IBMCLOUD_API_KEY=', ''], fp: ['IBMCLOUD_API_KEY='],
  },
  {
    n: 31, slug: 'no-scaleway-secret-key', name: 'Scaleway secret key', keywords: ['scw_secret', 'scaleway'], entropy: 3,
    pattern: assigned('scw_secret_key|scaleway[\\w-]{0,10}secret', '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'), sample: 'c2f7a9e1-4b8d-4e3a-9c5f-1a7d3b9e2f64', around: ['SCW_SECRET_KEY=', ''], fp: ['SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000'],
  },
  {
    n: 32, slug: 'no-linode-token', name: 'Linode (Akamai) API token', keywords: ['linode'], entropy: 3.5,
    pattern: assigned('linode[\\w-]{0,10}(?:token|key)', '[a-f0-9]{64}'), sample: fake('hex', 64, 'linode'), around: ['LINODE_TOKEN=', ''], fp: ['LINODE_REGION=us-east'],
  },
  {
    n: 33, slug: 'no-openshift-user-token', name: 'OpenShift user token', keywords: ['sha256~'], gitleaks: 'openshift-user-token', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>sha256~[\w-]{43})${E}`), sample: `sha256~${fake('url', 43, 'openshift')}`, around: ['oc login --token=', ' --server=https://api.cluster:6443'], fp: ['sha256~short'],
  },
  {
    n: 34, slug: 'no-databricks-token', name: 'Databricks personal access token', keywords: ['dapi'], gitleaks: 'databricks-api-token', entropy: 3,
    pattern: rx(String.raw`${B}(?<secret>dapi[a-f0-9]{32}(?:-\d)?)${E}`), sample: `dapi${fake('hex', 32, 'databricks')}`, fp: ['dapi_version = 2'],
  },
  {
    n: 35, slug: 'no-yandex-api-key', name: 'Yandex Cloud API key', keywords: ['aqvn'], gitleaks: 'yandex-api-key', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>AQVN[A-Za-z0-9_-]{35,38})${E}`), sample: `AQVN${fake('url', 36, 'yandex-key')}`, fp: ['AQVNshort'],
  },
  {
    n: 36, slug: 'no-yandex-iam-token', name: 'Yandex Cloud IAM token', keywords: ['t1.'], gitleaks: 'yandex-access-token', entropy: 3.5,
    pattern: rx(String.raw`${B}(?<secret>t1\.[A-Z0-9a-z_-]{20,200}={0,2}\.[A-Z0-9a-z_-]{86}={0,2})(?![\w=-])`), sample: `t1.${fake('url', 40, 'yc-a')}.${fake('url', 86, 'yc-b')}`, fp: ['t1.small.instance'],
  },
  {
    n: 37, slug: 'no-yandex-static-access-key', name: 'Yandex Cloud static access key', keywords: ['yandex'], gitleaks: 'yandex-aws-access-token', entropy: 3.5,
    pattern: assigned('yandex', 'YC[a-zA-Z0-9_-]{38}'), sample: `YC${fake('url', 38, 'yc-static')}`, around: ['YANDEX_SECRET_KEY=', ''], fp: ['YANDEX_FOLDER=b1g'],
  },
]);
