/** Module boundaries (docs/architecture.md). Adding an arrow is an architecture change. */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-public-api-only',
      comment: 'A module reaches into another module only through its index.ts.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/([^/]+)/' },
      to: {
        path: '^packages/server/src/modules/[^/]+/',
        pathNot: ['^packages/server/src/modules/$1/', '^packages/server/src/modules/[^/]+/index[.]ts$'],
      },
    },
    {
      name: 'outside-uses-module-index',
      comment: 'The HTTP layer, jobs, CLI and tests outside a module use its index.ts only.',
      severity: 'error',
      from: {
        path: '^packages/(server/src/(http|jobs|db|demo|testing)|cli/src)/|^packages/server/src/[^/]+[.]ts$|^bench/',
      },
      to: {
        path: '^packages/server/src/modules/[^/]+/',
        pathNot: '^packages/server/src/modules/[^/]+/(index|[^/]+[.]tables)[.]ts$',
      },
    },
    {
      name: 'audit-is-a-leaf',
      comment: 'Everyone records to the audit trail; it depends on no other module.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/audit/' },
      to: { path: '^packages/server/src/modules/(?!audit/)' },
    },
    {
      name: 'mail-is-a-leaf',
      comment: 'Mail is a platform service: modules queue mail; mail knows no module.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/mail/' },
      to: { path: '^packages/server/src/modules/(?!mail/)' },
    },
    {
      name: 'identity-uses-only-audit-and-mail',
      severity: 'error',
      from: { path: '^packages/server/src/modules/identity/' },
      to: { path: '^packages/server/src/modules/(?!identity/|audit/|mail/)' },
    },
    {
      name: 'org-uses-only-identity-audit-and-mail',
      severity: 'error',
      from: { path: '^packages/server/src/modules/org/' },
      to: { path: '^packages/server/src/modules/(?!org/|identity/|audit/|mail/)' },
    },
    {
      name: 'intranet-uses-only-org-identity-audit-and-mail',
      comment: 'The intranet reads people and structure through org, and queues mail; nothing depends on it.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/intranet/' },
      to: { path: '^packages/server/src/modules/(?!intranet/|org/|identity/|audit/|mail/)' },
    },
    {
      name: 'work-uses-only-org-identity-audit-and-mail',
      comment: 'Work reads people, structure, skills and availability through org; later modules sit on work.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/work/' },
      to: { path: '^packages/server/src/modules/(?!work/|org/|identity/|audit/|mail/)' },
    },
    {
      name: 'modules-do-not-use-the-app',
      comment: 'Modules know nothing of the composition root, jobs runner wiring or tests helpers.',
      severity: 'error',
      from: { path: '^packages/server/src/modules/', pathNot: '[.]test[.]ts$' },
      to: {
        path: '^packages/server/src/(http/(build-app|auth|idempotency|error-handler)|start-keel|main|demo|testing)',
      },
    },
    {
      name: 'kernel-and-contracts-are-leaves',
      severity: 'error',
      from: { path: '^packages/(kernel|contracts)/' },
      to: { path: '^packages/(server|web|cli)/' },
    },
    {
      name: 'kernel-imports-no-contracts',
      severity: 'error',
      from: { path: '^packages/kernel/' },
      to: { path: '^packages/contracts/' },
    },
    {
      name: 'web-talks-http-only',
      comment: 'The web app sees contracts and kernel, never server code.',
      severity: 'error',
      from: { path: '^packages/web/src/' },
      to: { path: '^packages/(server|cli)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
}
