import pg from 'pg'

export interface ListenHandlers {
  /** A NOTIFY on the channel was committed somewhere. */
  onNotify(): void
  /**
   * `true` once LISTEN is in place; `false` when the connection is lost, until
   * it is back: notifications sent in between are missed, so whatever they
   * would have invalidated must not be trusted while this is `false`.
   */
  onListening(listening: boolean): void
}

/**
 * LISTEN on a dedicated PostgreSQL connection that reconnects by itself
 * (100 ms, doubling to 5 s). Returns a function that stops listening.
 */
export function listenPostgres(url: string, channel: string, handlers: ListenHandlers): () => Promise<void> {
  let current: pg.Client | undefined
  let stopped = false
  let retryMs = 100
  let timer: NodeJS.Timeout | undefined

  const lose = (client: pg.Client) => {
    if (current !== client) return
    current = undefined
    handlers.onListening(false)
    client.removeAllListeners()
    client.on('error', () => undefined)
    void client.end().catch(() => undefined)
    if (stopped) return
    timer = setTimeout(open, retryMs)
    retryMs = Math.min(retryMs * 2, 5_000)
  }

  const open = () => {
    const client = new pg.Client({ connectionString: url, application_name: `keel-listen-${channel}` })
    current = client
    client.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify()
    })
    client.on('error', () => {
      lose(client)
    })
    client.on('end', () => {
      lose(client)
    })
    client
      .connect()
      .then(() => client.query(`listen ${client.escapeIdentifier(channel)}`))
      .then(() => {
        if (current !== client) return
        retryMs = 100
        handlers.onListening(true)
      })
      .catch(() => {
        lose(client)
      })
  }

  open()
  return async () => {
    stopped = true
    clearTimeout(timer)
    const client = current
    if (!client) return
    current = undefined
    handlers.onListening(false)
    client.removeAllListeners()
    client.on('error', () => undefined)
    await client.end().catch(() => undefined)
  }
}
