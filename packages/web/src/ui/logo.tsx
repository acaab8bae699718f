import { Group, Text } from '@mantine/core'

export function LogoMark(props: { size?: number }) {
  const size = props.size ?? 28
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--mantine-color-blue-6)" />
      <path d="M14 38h36l-6 10H20z" fill="#fff" />
      <path d="M31 12h3v24h-3z" fill="#fff" />
      <path d="M34 14l12 18H34z" fill="#d0ebff" />
    </svg>
  )
}

export function Logo(props: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <LogoMark size={props.size ?? 28} />
      <Text fw={700} fz="lg" lh={1}>
        Keel
      </Text>
    </Group>
  )
}
