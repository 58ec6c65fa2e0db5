-- Every yearly figure of 1712 the warehouse knows, from both source systems: the
-- primary answers (vlaams_parlement: the headline total of each report year)
-- and other publications (publications: the press, annual reports). One figure
-- per year and measure is preferred; the rule is in docs/yearly-figures.md.
with published_totals as (
    select * from {{ ref('stg_vlaams_parlement__published_totals') }}
),

source_documents as (
    select * from {{ ref('stg_vlaams_parlement__source_documents') }}
),

publications as (
    select * from {{ ref('stg_publications__yearly_figures') }}
),

measures as (
    select distinct
        measure,
        measure_label_en
    from {{ ref('stg_publications__measures') }}
),

answer_figures as (
    select
        'answer_' || documents.document_id || '_contacts' as figure_id,
        totals.report_year,
        'contacts' as measure,
        cast(totals.published_value as double) as figure_value,
        'contacts' as unit,
        replace(format('{:,}', totals.published_value), ',', '.') as printed_value,
        'oproepen' as printed_term,
        make_date(totals.report_year, 1, 1) as period_start,
        make_date(totals.report_year, 12, 31) as period_end,
        'answer' as source_kind,
        'primary_answer' as publisher_kind,
        'Vlaams Parlement' as publisher,
        documents.subject_nl as source_title,
        'source/' || documents.source_file as source_url,
        documents.question_date as source_date,
        documents.question_date as source_date_last_day,
        'day' as source_date_precision,
        'date of the written question (the seeds hold no date of the answer)' as source_date_basis,
        'schriftelijke vraag nr. ' || documents.question_number
        || ' van ' || documents.asked_by as cited_question,
        'The headline figure of the minister''s answer: the contacts of the report year, '
        || 'as its first sentence prints them.' as note,
        documents.document_id
    from published_totals as totals
    inner join source_documents as documents
        on totals.document_id = documents.document_id
    where
        totals.table_name = 'answer_headline'
        and totals.total_kind = 'year_total'
),

publication_figures as (
    select
        figure_id,
        report_year,
        measure,
        figure_value,
        unit,
        printed_value,
        printed_term,
        period_start,
        period_end,
        'publication' as source_kind,
        publisher_kind,
        publisher,
        title as source_title,
        url as source_url,
        published_on as source_date,
        published_on_last_day as source_date_last_day,
        published_on_precision as source_date_precision,
        published_on_basis as source_date_basis,
        cited_question,
        note,
        cast(null as varchar) as document_id
    from publications
),

figures as (
    select * from answer_figures
    union all
    select * from publication_figures
),

ranked as (
    select
        *,
        period_start = make_date(report_year, 1, 1)
        and period_end = make_date(report_year, 12, 31) as is_calendar_year,
        case
            when source_kind = 'answer' then 1
            when publisher_kind = 'official' then 2
            else 3
        end as preference_rank,
        cited_question is not null as cites_a_question
    from figures
),

-- Rule 5 compares publication dates at the precision each source gives: a
-- date is the span of days it can mean (a day, a month, a year), and one
-- publication is certainly later than another only when its first possible
-- day comes after the other's last possible day. Overlapping spans (a month
-- and a day in it) decide nothing. Each figure counts the figures of the same
-- standing on rules 1-4 that are certainly later than it: a figure certainly
-- later than another always has the smaller count, so ordering by the count
-- never puts an earlier publication first.
later_publications as (
    select
        figure.figure_id,
        count(later.figure_id) as certainly_later_publications
    from ranked as figure
    left join ranked as later
        on
            figure.report_year = later.report_year
            and figure.measure = later.measure
            and figure.is_calendar_year = later.is_calendar_year
            and figure.preference_rank = later.preference_rank
            and figure.cites_a_question = later.cites_a_question
            and figure.source_date_last_day < later.source_date
    group by figure.figure_id
),

dated as (
    select
        ranked.*,
        later_publications.certainly_later_publications
    from ranked
    inner join later_publications
        on ranked.figure_id = later_publications.figure_id
),

ordered as (
    select
        *,
        row_number() over (
            partition by report_year, measure
            order by
                is_calendar_year desc,
                preference_rank asc,
                cites_a_question desc,
                certainly_later_publications asc,
                figure_id asc
        ) as preference_order,
        count(*) over (partition by report_year, measure) as figures_for_year_and_measure
    from dated
),

-- Every figure but the preferred one against the preferred one: the first rule
-- that tells them apart (the preferred figure's own reason is its runner-up's).
weighed as (
    select
        figure.*,
        winner.figure_id as winner_figure_id,
        case
            when winner.figure_id is null then null
            when winner.is_calendar_year <> figure.is_calendar_year
                then 'a calendar-year figure comes before a figure for another period'
            when winner.preference_rank <> figure.preference_rank and winner.preference_rank = 1
                then 'a primary answer comes before any publication'
            when winner.preference_rank <> figure.preference_rank
                then 'an official publication comes before the press'
            when winner.cites_a_question <> figure.cites_a_question
                then 'a publication citing a parliamentary question comes before one citing none'
            when winner.source_date > figure.source_date_last_day
                then 'the later publication comes first'
            when winner.certainly_later_publications <> figure.certainly_later_publications
                then 'another publication of the same standing came out certainly later'
            when
                winner.source_date <> figure.source_date
                or winner.source_date_precision <> figure.source_date_precision
                then
                    'publication dates that overlap at their precision decide nothing: '
                    || 'the first figure_id comes first'
            else 'equal on every rule: the first figure_id comes first'
        end as deciding_rule
    from ordered as figure
    left join ordered as winner
        on
            figure.report_year = winner.report_year
            and figure.measure = winner.measure
            and winner.preference_order = 1
            and figure.preference_order > 1
),

final as (
    select
        weighed.figure_id,
        weighed.report_year,
        weighed.measure,
        measures.measure_label_en,
        weighed.figure_value,
        weighed.unit,
        weighed.printed_value,
        weighed.printed_term,
        weighed.period_start,
        weighed.period_end,
        weighed.is_calendar_year,
        case
            when weighed.is_calendar_year then cast(weighed.report_year as varchar)
            else
                strftime(weighed.period_start, '%Y-%m-%d')
                || ' to ' || strftime(weighed.period_end, '%Y-%m-%d')
        end as period_label,
        weighed.source_kind,
        weighed.publisher_kind,
        weighed.preference_rank,
        weighed.preference_order = 1 as is_preferred,
        case
            when weighed.figures_for_year_and_measure = 1
                then 'the only figure for this year and measure'
            when weighed.preference_order = 1
                then
                    'preferred over ' || (weighed.figures_for_year_and_measure - 1)
                    || ' other figure(s): ' || runner_up.deciding_rule
            else
                'not preferred: ' || weighed.winner_figure_id
                || ' comes first (' || weighed.deciding_rule || ')'
        end as preference_reason,
        weighed.publisher,
        weighed.source_title,
        weighed.source_url,
        weighed.source_date,
        weighed.source_date_precision,
        weighed.source_date_last_day,
        {{ partial_date_label(
            'weighed.source_date', 'weighed.source_date_precision'
        ) }} as source_date_label,
        weighed.source_date_basis,
        weighed.cited_question,
        weighed.note,
        weighed.document_id
    from weighed
    left join measures
        on weighed.measure = measures.measure
    left join weighed as runner_up
        on
            weighed.report_year = runner_up.report_year
            and weighed.measure = runner_up.measure
            and runner_up.preference_order = 2
)

select * from final
