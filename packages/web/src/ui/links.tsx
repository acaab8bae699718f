import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core'
import { createLink, type LinkComponent } from '@tanstack/react-router'
import { forwardRef } from 'react'

// Mantine components that navigate with TanStack Router (real <a href> for keyboard, middle-click, screen readers).

const AnchorBase = forwardRef<
  HTMLAnchorElement,
  Omit<AnchorProps, 'href'> & { children?: React.ReactNode; tabIndex?: number }
>((props, ref) => <Anchor ref={ref} {...props} />)
const CreatedAnchorLink = createLink(AnchorBase)
export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchorLink preload="intent" {...props} />

const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & { children?: React.ReactNode }>((props, ref) => (
  <Button ref={ref} component="a" {...props} />
))
const CreatedButtonLink = createLink(ButtonBase)
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButtonLink preload="intent" {...props} />

const NavLinkBase = forwardRef<HTMLAnchorElement, Omit<NavLinkProps, 'href'>>((props, ref) => (
  <NavLink ref={ref} component="a" {...props} />
))
const CreatedNavLink = createLink(NavLinkBase)
export const RouterNavLink: LinkComponent<typeof NavLinkBase> = (props) => (
  <CreatedNavLink preload="intent" {...props} />
)
