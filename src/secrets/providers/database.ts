import type { ProviderEntry } from './build.ts';
import { mayHoldUrlCredentials } from '../byte-screens.ts';
import { assigned, fake, family, rx } from './build.ts';

/** Passwords that are defaults or words, not secrets worth a finding. */
const TRIVIAL = /^(?:pass(?:word)?|passwd|pwd|secret|postgres|mysql|root|admin|user(?:name)?|guest|test|demo|dev|local|example|foo|bar|pass123|password123|\*+)$/i;

/** A connection URL `scheme://user:password@host`: the password, bounded on every side. */
function urlPassword(schemes: string): RegExp {
  return rx(String.raw`(?<![\w+.-])(?:${schemes})://[^\s:@/'"\x60<>{}]{1,64}:(?<secret>[^\s:@/'"\x60<>{}]{3,128})@[\w.-]{1,253}`, 'i');
}

const password = (seed: string): string => `${fake('alnum', 14, seed)}#${fake('digits', 2, seed)}`;

/** Database and message-broker connection strings with passwords. */
export const databaseProviders: ProviderEntry[] = family('database', [
  { n: 400, slug: 'no-postgres-url-password', name: 'PostgreSQL connection string password', keywords: ['postgres://', 'postgresql://', 'postgresql+'], entropy: 2.5, allow: [TRIVIAL], pattern: urlPassword(String.raw`postgres(?:ql)?(?:\+\w{1,20})?`), sample: password('pg'), around: ['DATABASE_URL=postgres://app:', '@db.internal:5432/app'], fp: ['DATABASE_URL=postgres://postgres:postgres@localhost:5432/app', 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app'] },
  { n: 401, slug: 'no-mysql-url-password', name: 'MySQL connection string password', keywords: ['mysql://', 'mariadb://', 'mysql+'], entropy: 2.5, allow: [TRIVIAL], pattern: urlPassword(String.raw`(?:mysql|mariadb)(?:\+\w{1,20})?`), sample: password('mysql'), around: ['url: mysql://app:', '@mysql.internal:3306/shop'], fp: ['url: mysql://root:root@localhost/shop'] },
  { n: 402, slug: 'no-mongodb-url-password', name: 'MongoDB connection string password', keywords: ['mongodb://', 'mongodb+srv://'], entropy: 2.5, allow: [TRIVIAL], pattern: urlPassword(String.raw`mongodb(?:\+srv)?`), sample: password('mongo'), around: ['MONGO_URI="mongodb+srv://svc:', '@cluster0.abcde.mongodb.net/app"'], fp: ['MONGO_URI="mongodb+srv://<user>:<password>@cluster0.mongodb.net/app"'] },
  { n: 403, slug: 'no-redis-url-password', name: 'Redis connection string password', keywords: ['redis://', 'rediss://'], entropy: 2.5, allow: [TRIVIAL], pattern: urlPassword('rediss?'), sample: password('redis'), around: ['REDIS_URL=redis://default:', '@cache.internal:6379/0'], fp: ['REDIS_URL=redis://localhost:6379/0'] },
  { n: 404, slug: 'no-amqp-url-password', name: 'AMQP (RabbitMQ) connection string password', keywords: ['amqp://', 'amqps://'], entropy: 2.5, allow: [TRIVIAL, /^guest$/], pattern: urlPassword('amqps?'), sample: password('amqp'), around: ['BROKER_URL=amqp://worker:', '@rabbit.internal:5672/'], fp: ['BROKER_URL=amqp://guest:guest@localhost:5672/'] },
  { n: 405, slug: 'no-mssql-connection-password', name: 'SQL Server connection string password', keywords: ['password=', 'pwd='], entropy: 2.5, allow: [TRIVIAL], pattern: rx(String.raw`(?:Server|Data Source)=[^;"'\n]{1,200};[^"'\n]{0,300}?(?:Password|Pwd)=(?<secret>[^;"'\s]{6,128})`, 'i'), sample: password('mssql'), around: ['"Default": "Server=sql.internal;Database=app;User Id=app;Password=', ';"'], fp: ['"Default": "Server=.;Database=app;Trusted_Connection=True;"'] },
  { n: 406, slug: 'no-jdbc-url-password', name: 'JDBC URL password', keywords: ['jdbc:'], entropy: 2.5, allow: [TRIVIAL], pattern: rx(String.raw`jdbc:[a-z0-9]{2,20}:[^\s"'<>]{1,300}?[?&;:]password=(?<secret>[^\s&;"'<>]{6,128})`, 'i'), sample: password('jdbc'), around: ['spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=', ''], fp: ['spring.datasource.url=jdbc:postgresql://db:5432/app?user=app&password=${DB_PASS}'] },
  { n: 407, slug: 'no-url-embedded-credentials', name: 'password embedded in an HTTP or FTP URL', keywords: ['://'], entropy: 3, allow: [TRIVIAL, /^x-oauth-basic$/], sites: { anchor: /:\/\/[\w.%~-]{1,64}:[\w.%~!$&*+=-]{8}/i, before: 5 }, bytesScreen: mayHoldUrlCredentials, pattern: rx(String.raw`(?<![\w+.-])(?:https?|ftps?|sftp|ssh|git)://[\w.%~-]{1,64}:(?<secret>[\w.%~!$&*+=-]{8,128})@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}`, 'i'), sample: fake('alnum', 18, 'http'), around: ['pip install --index-url https://deploy:', '@pypi.internal.example/simple pkg'], fp: ['https://user:pass@host.example/path', 'https://github.com:443/a'] },
  { n: 408, slug: 'no-database-password-assignment', name: 'database password', keywords: ['db_pass', 'database_pass', 'db_pwd', 'mysql_pass', 'postgres_pass', 'pgpassword', 'mysql_root_pass'], gitleaks: 'database-password', entropy: 3, allow: [TRIVIAL], pattern: assigned(String.raw`(?:db|database|mysql|mysql_root|postgres|pg)_?(?:pass(?:word)?|pwd)`, String.raw`[^\s'"\x60;,]{8,128}`), sample: password('dbpass'), around: ['DB_PASSWORD="', '"'], fp: ['DB_PASSWORD="${DB_PASSWORD}"', 'DB_PASSWORD=changeme'] },
]);
