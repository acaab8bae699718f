import { createReadStream } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'

/** The lines of a gzip'd text file, streamed: a read or gzip error rejects the iteration. */
export async function* readGzipLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file)
  const gunzip = createGunzip()
  source.on('error', (error) => gunzip.destroy(error))
  source.pipe(gunzip)
  const decoder = new StringDecoder('utf8')
  let buffered = ''
  try {
    for await (const chunk of gunzip) {
      buffered += decoder.write(chunk as Buffer)
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      yield* lines
    }
    buffered += decoder.end()
    if (buffered.length > 0) yield buffered
  } finally {
    source.destroy()
    gunzip.destroy()
  }
}
