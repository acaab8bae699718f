import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Logo } from './logo.tsx'

/** The frame of the public pages: sign in, password reset, invitation. */
export function AuthLayout(props: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <Box
      component="main"
      mih="100dvh"
      px="md"
      py={48}
      style={{
        background:
          'radial-gradient(1200px 500px at 50% -10%, light-dark(var(--mantine-color-blue-1), var(--mantine-color-dark-5)), transparent), light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))',
      }}
    >
      <Center>
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Logo size={36} />
          </Center>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }}>
            <Stack gap="lg">
              <Stack gap={4}>
                <Title order={1} fz={22}>
                  {props.title}
                </Title>
                {props.subtitle ? (
                  <Text c="dimmed" size="sm">
                    {props.subtitle}
                  </Text>
                ) : null}
              </Stack>
              {props.children}
            </Stack>
          </Paper>
          {props.footer ? (
            <Text ta="center" size="sm" c="dimmed">
              {props.footer}
            </Text>
          ) : null}
        </Stack>
      </Center>
    </Box>
  )
}
