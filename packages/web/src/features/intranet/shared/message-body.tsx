import { Text, type TextProps } from '@mantine/core'
import { LinkifiedText } from '../../../ui/linkified-text.tsx'

/**
 * An announcement's or a policy's text: plain text as written, line breaks
 * kept, links clickable. Nothing in it is ever interpreted as HTML.
 */
export function MessageBody(props: { text: string; lineClamp?: number } & TextProps) {
  const { text, lineClamp, ...rest } = props
  return (
    <Text
      size="sm"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      {...(lineClamp === undefined ? {} : { lineClamp })}
      {...rest}
    >
      <LinkifiedText text={text} />
    </Text>
  )
}
