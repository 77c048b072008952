/**
 * @module node
 * Node entry point: the embedded default (SQLite file). `npm start`.
 */
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { CatalogError } from './catalog/index.js'
import { ConfigError } from './config.js'
import { jobHandlers } from './jobs/handlers.js'
import { startMaintenance, type MaintenanceLoop } from './node/maintenance-loop.js'
import { bootNode } from './node/boot.js'
import { startCheckpointer, walBackPressure } from './node/checkpointer.js'
import { describeSeeded, ensureDemoPassword } from './node/demo-password.js'
import { listenHost } from './node/listen-host.js'
import { exitGracefully } from './node/shutdown.js'
import { seedDemo } from './seed.js'

async function main() {
  let rt
  let host
  try {
    host = listenHost(process.env)
  } catch (err) {
    console.error(`hotline: cannot start: ${(err as Error).message}`)
    process.exit(1)
  }
  try {
    rt = await bootNode(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      // Every bad variable at once, one a line (names and what they must be; never a value).
      const lines = err.problems.map((p) => `  ${p.variable}: ${p.reason}`)
      console.error(`hotline: cannot start: fix the environment:\n${lines.join('\n')}`)
      process.exit(1)
    }
    if (err instanceof CatalogError) {
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
    // Printed once, here, on the console (never through the JSON logger); kept 0600 beside the DB.
    const demo = ensureDemoPassword(config.databasePath, () => deps.crypto.randomToken(15))
    const seeded = await seedDemo(deps, demo.password)
    if (seeded.staff > 0) console.log(describeSeeded(seeded, demo))
  }
  const app = createApp(() => deps)
  const checkpointer = startCheckpointer(rt.db, config.databasePath, deps.log)
  let maintenance: MaintenanceLoop | undefined
  const server = serve({ fetch: app.fetch, port: config.port, hostname: host }, (info) => {
    console.log(`hotline: listening on http://localhost:${info.port} (${config.env})`)
    // Only once the server listens: a long purge never holds back the first request.
    maintenance = startMaintenance(deps, jobHandlers, undefined, undefined, walBackPressure(config.databasePath))
  })
  const stopBackground = async () => {
    await maintenance?.stop()
  }
  // The server's connection closes first: the checkpointer's is then the last one, and SQLite's
  // checkpoint of the WAL at close (seconds after a heavy purge) runs in its worker thread. It
  // gets what is left of the deadline; if it needs more, the WAL is applied at the next start.
  const afterDrained = async (msLeft: number) => {
    rt.db.close()
    await checkpointer.stop(msLeft)
  }
  exitGracefully({ server, stopBackground, afterDrained, closeDatabase: () => rt.db.close(), log: deps.log })
}

void main()
