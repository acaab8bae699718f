// The same-run baseline: bare Fastify 5 answering one small JSON record from
// memory, on a random loopback port. Prints `READY {"port":…,"path":…}`.
import Fastify from 'fastify'
import { exitWithParent, reportReady } from './lib/child.ts'

const PATH = '/api/v1/identity/users/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const record = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  email: 'eve@acme.test',
  displayName: 'Eve Employee',
  status: 'active',
  mfaEnabled: false,
  roles: [{ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', key: 'employee', name: 'Employee' }],
  createdAt: '2025-01-01T00:00:00.000Z',
}

const app = Fastify({ logger: false })
app.get('/api/v1/identity/users/:id', async () => record)
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
if (address === null || typeof address === 'string') throw new Error('no TCP address')

exitWithParent(() => app.close())
reportReady({ port: address.port, path: PATH })
