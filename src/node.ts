/**
 * @module node
 * Node entry point: the embedded default (SQLite file). `npm start`.
 */
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { CatalogError } from './catalog/index.js'
import { ConfigError } from './config.js'
import { startMaintenance, type MaintenanceLoop } from './node/maintenance-loop.js'
import { bootNode } from './node/boot.js'
import { startCheckpointer } from './node/checkpointer.js'
import { exitGracefully } from './node/shutdown.js'
import { seedDemo } from './seed.js'

async function main() {
  let rt
  try {
    rt = await bootNode(process.env)
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CatalogError) {
      console.error(`hotline: cannot start: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  const { deps, config } = rt
  if (rt.generatedSecretsIn) {
    console.log(
      `hotline: development keys generated in ${rt.generatedSecretsIn} ` +
        `(server.env, custodian.key). The private key is only for trying the hotline locally; ` +
        `in production the custodian keeps it offline.`,
    )
    const seeded = await seedDemo(deps)
    console.log(
      `hotline: demo data seeded (${seeded.staff} staff accounts such as monitor.mx@demo.hotline, ` +
        `${seeded.cases} cases); demo password: ${seeded.password}`,
    )
  }
  const app = createApp(() => deps)
  const checkpointer = startCheckpointer(rt.db, config.databasePath, deps.log)
  let maintenance: MaintenanceLoop | undefined
  const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
    console.log(`hotline: listening on http://localhost:${info.port} (${config.env})`)
    // Only once the server listens: a long purge never holds back the first request.
    maintenance = startMaintenance(deps)
  })
  const stopBackground = async () => {
    await maintenance?.stop()
    await checkpointer.stop()
  }
  exitGracefully({ server, stopBackground, closeDatabase: () => rt.db.close(), log: deps.log })
}

void main()
