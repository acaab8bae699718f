import { Anchor } from '@mantine/core'
import type { ReactNode } from 'react'

const URL_RE = /\bhttps?:\/\/[^\s<>"')\]]+/g

/** Plain text with every http(s) URL turned into a link. */
export function LinkifiedText(props: { text: string }) {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of props.text.matchAll(URL_RE)) {
    const start = match.index
    let url = match[0]
    // Trailing punctuation belongs to the sentence, not the link.
    const trail = /[.,;:!?]+$/.exec(url)?.[0] ?? ''
    if (trail) url = url.slice(0, -trail.length)
    if (start > last) parts.push(props.text.slice(last, start))
    parts.push(
      <Anchor key={start} href={url} style={{ wordBreak: 'break-all' }}>
        {url}
      </Anchor>,
    )
    last = start + url.length
  }
  if (last < props.text.length) parts.push(props.text.slice(last))
  return <>{parts}</>
}
