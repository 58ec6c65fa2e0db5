with source as (
    select
        *,
        figure_id as seed_row
    from {{ ref('yearly_figures') }}
),

typed as (
    select
        figure_id,
        {{ strict_integer('report_year', 'yearly_figures') }} as report_year,
        {{ strict_iso_date('period_start', 'yearly_figures') }} as period_start,
        {{ strict_iso_date('period_end', 'yearly_figures') }} as period_end,
        measure,
        printed_value,
        case
            when unit = 'percent_of_contacts'
                then cast(
                    {{ strict_dutch_percentage('printed_value', 'yearly_figures') }} as double
                )
            else cast({{ strict_dutch_number('printed_value', 'yearly_figures') }} as double)
        end as figure_value,
        unit,
        printed_term,
        publisher,
        publisher_kind,
        title,
        url,
        {{ strict_partial_date('published_on', 'yearly_figures') }} as published_on,
        {{ date_precision('published_on') }} as published_on_precision,
        published_on_basis,
        cited_question,
        note,
        seed_row
    from source
),

-- The publication date spans the days it can mean: one day, a month or a year.
final as (
    select
        *,
        {{ partial_date_last_day(
            'published_on', 'published_on_precision'
        ) }} as published_on_last_day
    from typed
)

select * from final
