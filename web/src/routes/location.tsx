import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { useLocationDetails } from '../api/places';
import { DetailsList } from '../components/details-list';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Section } from '../components/section';
import { ArchiveLocation, DeleteLocation } from '../features/places/location-actions';
import { LocationDetailsForm } from '../features/places/location-details-form';
import { LocationEvents } from '../features/places/location-events';
import { LocationPrivate } from '../features/places/location-private';
import { DoneNotice } from '../features/places/notice';
import classes from '../features/places/places.module.css';
import { NotFoundPage } from './not-found';

/**
 * A location: its public details (editable where allowed), its private details only for those
 * the server sends them to, archiving and deletion, and the public events held there.
 */
export function LocationPage() {
  const { locationId = '' } = useParams();
  const location = useLocationDetails(locationId);

  if (location.error instanceof ApiError && location.error.status === 404) return <NotFoundPage />;
  if (!location.data) {
    return (
      <Page title="Location">
        {location.isPending ? (
          <Loading label="Loading the location" />
        ) : (
          <ErrorAlert error={location.error} title="The location could not be loaded" />
        )}
      </Page>
    );
  }
  const l = location.data;
  return (
    <Page title={l.name} wide>
      <DoneNotice />
      <Anchor component={Link} to="/locations">
        All locations
      </Anchor>
      {l.archived ? (
        <Group>
          <Badge variant="outline" color="gray.8" tt="none">
            Archived
          </Badge>
        </Group>
      ) : null}
      <DetailsList
        items={[
          {
            term: 'Address',
            value: l.address ? (
              <span className={classes.text}>{l.address}</span>
            ) : (
              <Text c="dimmed">Not given</Text>
            ),
          },
          {
            term: 'Region',
            value: l.region ? (
              <Anchor component={Link} to={`/regions/${encodeURIComponent(l.region.id)}`}>
                {l.region.name}
              </Anchor>
            ) : (
              <Text c="dimmed">None</Text>
            ),
          },
        ]}
      />
      {l.can.updateBasic ? (
        <Section title="Basic details">
          <LocationDetailsForm location={l} />
        </Section>
      ) : null}
      {l.privateDetails ? (
        <Section title="Private details">
          <Text size="sm">Only the region&apos;s leaders and system admins see these.</Text>
          <LocationPrivate location={l} details={l.privateDetails} />
        </Section>
      ) : null}
      <Section title="Events held here">
        <LocationEvents location={l} />
      </Section>
      {l.can.archive ? (
        <Section title="Archiving">
          <ArchiveLocation location={l} />
        </Section>
      ) : null}
      {l.can.delete ? (
        <Section title="Delete this location" danger>
          <DeleteLocation location={l} />
        </Section>
      ) : null}
    </Page>
  );
}
