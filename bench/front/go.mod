module alliancegraph/front

go 1.19
