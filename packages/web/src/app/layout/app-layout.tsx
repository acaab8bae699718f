import { AppShell, Burger, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { Link, Outlet, useNavigate, useRouter, useRouterState } from '@tanstack/react-router'
import { useEffect } from 'react'
import { useMyAccessReviews } from '../../api/org-external.ts'
import { sessionEnd, sessionQuery } from '../../api/session.ts'
import { Logo } from '../../ui/logo.tsx'
import { RouterNavLink } from '../../ui/links.tsx'
import { hasPermission } from '../auth.ts'
import { ColorSchemeToggle } from './color-scheme-toggle.tsx'
import { CompanySwitcher } from './company-switcher.tsx'
import { navItems, type NavItem } from './nav-items.tsx'
import { UserMenu } from './user-menu.tsx'

const sections: { key: NavItem['section']; label: string | null }[] = [
  { key: 'main', label: null },
  { key: 'admin', label: 'Administration' },
  { key: 'self', label: 'You' },
]

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false)
  const { data: session } = useQuery(sessionQuery)
  const navigate = useNavigate()
  const router = useRouter()
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  const sponsor = (useMyAccessReviews(session?.status === 'signed_in').data?.items.length ?? 0) > 0

  // Signed out (logout, expired session): leave the signed-in area.
  useEffect(() => {
    if (session === null || (session && session.status !== 'signed_in')) {
      const expired = sessionEnd.expired
      sessionEnd.expired = false
      const here = router.state.location.href
      void navigate({ to: '/sign-in', search: expired ? { redirect: here, reason: 'expired' } : {} })
    }
  }, [session, navigate, router])

  // Close the mobile navigation after navigating.
  useEffect(() => {
    close()
  }, [pathname, close])

  if (!session || session.status !== 'signed_in') return null

  const visible = navItems.filter(
    (item) => !item.permission || hasPermission(session, item.permission) || (item.orSponsor === true && sponsor),
  )

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <a href="#main-content" className="keel-skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="keel-navbar"
            />
            <UnstyledButton component={Link} to="/" aria-label="Keel">
              <Logo />
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <CompanySwitcher session={session} />
            <ColorSchemeToggle />
            <UserMenu session={session} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="keel-navbar" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {sections.map((section) => {
              const items = visible.filter((i) => i.section === section.key)
              if (items.length === 0) return null
              return (
                <Stack gap={2} key={section.key}>
                  {section.label ? (
                    <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4} aria-hidden="true">
                      {section.label}
                    </Text>
                  ) : null}
                  {items.map((item) => {
                    const active = item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)
                    return (
                      <RouterNavLink
                        key={item.to}
                        to={item.to}
                        label={item.label}
                        leftSection={<item.icon size={18} stroke={1.6} aria-hidden="true" />}
                        active={active}
                        aria-current={active ? 'page' : undefined}
                        style={{ borderRadius: 'var(--mantine-radius-md)' }}
                      />
                    )
                  })}
                </Stack>
              )
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--app-shell-border-color)' }}>
          <Text size="xs" c="dimmed" px="sm" truncate>
            {session.company.name}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  )
}
