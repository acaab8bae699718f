import { Avatar, type AvatarProps } from '@mantine/core'
import { photoUrl } from '../../api/org-people.ts'
import { initials } from '../../app/layout/user-menu.tsx'

const palette = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'indigo', 'lime']

/** A stable colour per person, so the same initials do not all look alike. */
function colorOf(id: string): string {
  let h = 0
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return palette[h % palette.length] ?? 'blue'
}

/** A person's photo, or their initials when they have none (or it fails to load). */
export function PersonAvatar(props: { id: string; name: string; hasPhoto: boolean } & Omit<AvatarProps, 'src'>) {
  const { id, name, hasPhoto, ...rest } = props
  return (
    <Avatar
      radius="xl"
      color={colorOf(id)}
      src={hasPhoto ? photoUrl(id) : null}
      {...(hasPhoto ? { alt: `Photo of ${name}` } : { 'aria-hidden': true })}
      {...rest}
    >
      {initials(name)}
    </Avatar>
  )
}
