import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { pageCount } from '../api/page';
import { useLocations, useRegion, type Region } from '../api/places';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { Section } from '../components/section';
import { DeleteRegion } from '../features/places/delete-region';
import { LocationList } from '../features/places/location-list';
import { DoneNotice } from '../features/places/notice';
import { RegionDetailsForm } from '../features/places/region-form';
import { RegionLeaders } from '../features/places/region-leaders';
import { locationsCount } from '../features/places/region-list';
import classes from '../features/places/places.module.css';
import { NotFoundPage } from './not-found';

/** A region: its description, leaders and locations, and what the caller may change. */
export function RegionPage() {
  const { regionId = '' } = useParams();
  const region = useRegion(regionId);

  if (region.error instanceof ApiError && region.error.status === 404) return <NotFoundPage />;
  if (!region.data) {
    return (
      <Page title="Region">
        {region.isPending ? (
          <Loading label="Loading the region" />
        ) : (
          <ErrorAlert error={region.error} title="The region could not be loaded" />
        )}
      </Page>
    );
  }
  const r = region.data;
  return (
    <Page title={r.name} wide>
      <DoneNotice />
      <Anchor component={Link} to="/regions">
        All regions
      </Anchor>
      {r.description ? <Text className={classes.text}>{r.description}</Text> : null}
      <Section title="Leaders">
        <RegionLeaders region={r} />
      </Section>
      <Section title="Locations">
        <RegionLocations region={r} />
      </Section>
      {r.can.update ? (
        <Section title="Name and description">
          <RegionDetailsForm region={r} />
        </Section>
      ) : null}
      {/* Its leaders learn why a region with locations offers no deletion. */}
      {r.can.delete || (r.can.update && r.locationCount > 0) ? (
        <Section title="Delete this region" danger>
          <DeleteRegion region={r} />
        </Section>
      ) : null}
    </Page>
  );
}

/** The region's locations (archived ones too, marked), a page at a time. */
function RegionLocations({ region }: { region: Region }) {
  const [page, setPage] = useState(1);
  const locations = useLocations({ q: '', regionId: region.id, archived: 'include', page });
  const data = locations.data;
  return (
    <>
      {locations.error ? (
        <ErrorAlert error={locations.error} title="The locations could not be loaded" />
      ) : null}
      {!data ? (
        locations.isPending ? (
          <Loading label="Loading the locations" />
        ) : null
      ) : data.items.length === 0 ? (
        <Text>No location is in this region yet.</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {locationsCount(data.total)}, by name.{' '}
            {/* Underlined: in a line of text, color alone does not tell a link apart. */}
            <Anchor
              component={Link}
              to={`/locations?region=${encodeURIComponent(region.id)}`}
              underline="always"
            >
              Search them
            </Anchor>
          </Text>
          <LocationList locations={data.items} />
        </>
      )}
      <Pager
        page={page}
        pages={pageCount(data)}
        onPage={setPage}
        previous="Previous"
        next="Next"
        label="Pages of locations"
      />
    </>
  );
}
